// Service log framing: details prefixes split per task, lines assembled per task, and resume ids that round-trip.
import { describe, expect, it } from 'vitest';
import { ServiceLogSplitter, formatServiceLogId, parseServiceLogId } from './service-logs';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

const details = (task: string, node: string) => `com.docker.swarm.node.id=${node},com.docker.swarm.service.id=svc,com.docker.swarm.task.id=${task}`;

function collect(tty = false) {
  const lines: [string, string, string, string][] = [];
  const splitter = new ServiceLogSplitter(tty, 64, (task, node, stream, ts, bytes, start, end) => lines.push([task, node, ts, bytes.toString('utf8', start, end) + (stream === 'stderr' ? ' (err)' : '')]));
  return { lines, splitter };
}

describe('ServiceLogSplitter', () => {
  it('names each line by its task and keeps partial lines of different tasks apart', () => {
    const { lines, splitter } = collect();
    const ts = '2026-01-01T00:00:00.000000001Z';
    const all = Buffer.concat([
      frame(1, `${ts} ${details('ta', 'na')} hel`),
      frame(1, `${ts} ${details('tb', 'nb')} other\n`),
      frame(1, `${ts} ${details('ta', 'na')} lo\n`),
      frame(2, `${ts} ${details('tb', 'nb')} oops \u00e9\n`),
    ]);
    // Cut anywhere: frames split across chunks read the same.
    splitter.push(all.subarray(0, 13));
    splitter.push(all.subarray(13, 100));
    splitter.push(all.subarray(100));
    splitter.end();
    expect(lines).toEqual([
      ['tb', 'nb', ts, 'other'],
      ['ta', 'na', ts, 'hello'],
      ['tb', 'nb', ts, 'oops \u00e9 (err)'],
    ]);
  });

  it('reads a TTY service line by line', () => {
    const { lines, splitter } = collect(true);
    splitter.push(Buffer.from(`2026-01-01T00:00:00Z ${details('ta', 'na')} one\r\n2026-01-01T00:00:01Z ${details('tb', 'nb')} tw`));
    splitter.push(Buffer.from('o\n'));
    splitter.end();
    expect(lines.map((l) => [l[0], l[3]])).toEqual([
      ['ta', 'one'],
      ['tb', 'two'],
    ]);
  });
});

describe('service log ids', () => {
  it('round-trip every task position, newest first, and refuse anything else', () => {
    const id = formatServiceLogId('1700000000', new Map([['abc', { ts: '2026-01-01T00:00:00.5Z', n: 0 }], ['def', { ts: '2026-01-01T00:00:01Z', n: 2 }]]));
    expect(id).toBe('v1;1700000000;def@2026-01-01T00:00:01Z#2;abc@2026-01-01T00:00:00.5Z#0');
    expect(parseServiceLogId(id)?.positions.get('abc')).toEqual({ ts: '2026-01-01T00:00:00.5Z', n: 0 });
    expect(parseServiceLogId('v1;;x@nottime#1')).toBeNull();
    expect(parseServiceLogId('2026-01-01T00:00:00Z#1')).toBeNull();
  });
});
