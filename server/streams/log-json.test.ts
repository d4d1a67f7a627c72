import { describe, expect, it } from 'vitest';
import { LogBatchWriter } from './log-json';

const TS = '2026-11-24T10:00:00.123456789Z';

describe('LogBatchWriter', () => {
  it('encodes lines as columns that parse back to exactly the decoded text, whatever the bytes', () => {
    const lines: Buffer[] = [
      Buffer.from('plain ascii line'),
      Buffer.from('"quoted" and \\back\\slashed'),
      Buffer.from('\u001b[31mred\u001b[0m\ttab'),
      Buffer.from('日本語 ✓ 🚢 ünïcode'),
      Buffer.concat([Buffer.from('bad '), Buffer.from([0xff, 0xfe]), Buffer.from(' end')]),
      Buffer.from(''),
      Buffer.from('del \u007f char'),
    ];
    const w = new LogBatchWriter();
    lines.forEach((b, i) => w.add(i === 2 ? 'stderr' : 'stdout', i === 5 ? '' : TS, b, 0, b.length, i === 3));
    const batch = w.take();
    const parsed = JSON.parse(Buffer.concat(batch.parts).toString('utf8'));
    expect(parsed).toEqual({
      ts: lines.map((_, i) => (i === 5 ? '' : TS)),
      text: lines.map((b) => b.toString('utf8')),
      stderr: [2],
      truncated: [3],
    });
    expect(batch.toJSON()).toEqual(parsed);
  });

  it('starts each batch afresh', () => {
    const w = new LogBatchWriter();
    const b = Buffer.from('xx one two');
    w.add('stdout', TS, b, 3, 6, false);
    w.take();
    w.add('stdout', TS, b, 7, 10, false);
    expect(w.take().toJSON()).toEqual({ ts: [TS], text: ['two'] });
    expect(w.count).toBe(0);
  });
});
