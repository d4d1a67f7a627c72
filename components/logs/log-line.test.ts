import { describe, expect, it } from 'vitest';
import { taskLabel } from './log-line';

describe('taskLabel', () => {
  it('shows a replicated task as its slot and node', () => {
    expect(taskLabel('shop_web.3.qf1s8wxlkmpq@swarm-2')).toBe('3@swarm-2');
  });

  it('shows a global task (whose slot is the node id) as its node only', () => {
    expect(taskLabel('agent.kdtncnro8ddffgkzf68o9b5jl.qf1s8wxlkmpq@swarm-1')).toBe('@swarm-1');
  });

  it('leaves a name it does not recognise as it is', () => {
    expect(taskLabel('web.qf1s8wxlkmpq@abc')).toBe('web.qf1s8wxlkmpq@abc');
    expect(taskLabel('web-1')).toBe('web-1');
  });
});
