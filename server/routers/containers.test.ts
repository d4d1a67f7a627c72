import { afterAll, describe, expect, it } from 'vitest';
import { runContainer, testCaller, testDocker, uniqueName } from '@/test/harness';

const docker = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
});

describe('containers router', () => {
  it('lists a running container with its name, image and state', async () => {
    const name = uniqueName('list');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const caller = await testCaller();
    const rows = await caller.containers.list({ engine: 'default' });
    const row = rows.find((r) => r.name === name);
    expect(row).toMatchObject({ id: c.id, state: 'running', image: 'berth-test/busybox:latest' });
  });

  it('stops a container and the engine reports it exited', async () => {
    const name = uniqueName('stop');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const caller = await testCaller();
    await caller.containers.stop({ engine: 'default', id: name, timeout: 1 });
    expect((await c.inspect()).State.Status).toBe('exited');
  });
});
