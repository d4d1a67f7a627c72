import { describe, expect, it } from 'vitest';
import { DOCKER_PARTIAL_BYTES, type LineSink, LogDecoder, type LogStream } from './log-decoder';

const TS = '2026-11-24T10:00:00.123456789Z';

function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

interface Line {
  stream: LogStream;
  ts: string;
  text: string;
  truncated?: true;
}

function collect(feed: (sink: LineSink) => void): Line[] {
  const out: Line[] = [];
  feed((stream, ts, bytes, start, end, truncated) => {
    const text = bytes.toString('utf8', start, end);
    out.push(truncated ? { stream, ts, text, truncated } : { stream, ts, text });
  });
  return out;
}

function push(decoder: LogDecoder, chunk: Buffer): Line[] {
  return collect((sink) => decoder.push(chunk, sink));
}

function end(decoder: LogDecoder): Line[] {
  return collect((sink) => decoder.end(sink));
}

function feedBytewise(decoder: LogDecoder, data: Buffer): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < data.length; i++) out.push(...push(decoder, data.subarray(i, i + 1)));
  return out;
}

describe('LogDecoder, multiplexed frames', () => {
  it('keeps stdout and stderr apart and strips the timestamp', () => {
    const d = new LogDecoder({ tty: false });
    const lines = push(d, Buffer.concat([frame(1, `${TS} hello\n`), frame(2, `${TS} oops\n`)]));
    expect(lines).toEqual([
      { stream: 'stdout', ts: TS, text: 'hello' },
      { stream: 'stderr', ts: TS, text: 'oops' },
    ]);
  });

  it('decodes frames split across chunks one byte at a time, multi-byte characters intact', () => {
    const d = new LogDecoder({ tty: false });
    const data = Buffer.concat([frame(1, `${TS} héllo wörld 日本語 🚢\n`), frame(2, `${TS} ünïcode\r\n`)]);
    expect(feedBytewise(d, data).map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'héllo wörld 日本語 🚢'],
      ['stderr', 'ünïcode'],
    ]);
  });

  it('joins a long line that the engine cut into 16 KiB messages, each with its own timestamp', () => {
    const d = new LogDecoder({ tty: false, maxLineBytes: 1 << 20 });
    const long = 'x'.repeat(DOCKER_PARTIAL_BYTES * 3 + 10);
    const parts = [long.slice(0, DOCKER_PARTIAL_BYTES), long.slice(DOCKER_PARTIAL_BYTES, 2 * DOCKER_PARTIAL_BYTES), long.slice(2 * DOCKER_PARTIAL_BYTES, 3 * DOCKER_PARTIAL_BYTES), `${long.slice(3 * DOCKER_PARTIAL_BYTES)}\n`];
    const stamps = ['2026-11-24T10:00:00.000000001Z', '2026-11-24T10:00:00.000000002Z', '2026-11-24T10:00:00.000000003Z', '2026-11-24T10:00:00.000000004Z'];
    const lines = push(d, Buffer.concat(parts.map((p, i) => frame(1, `${stamps[i]} ${p}`))));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe(long);
    expect(lines[0]!.ts).toBe(stamps[0]);
    expect(lines[0]!.truncated).toBeUndefined();
  });

  it('caps a line longer than the limit and marks it truncated, then carries on', () => {
    const d = new LogDecoder({ tty: false, maxLineBytes: 1000 });
    const lines = push(d, Buffer.concat([frame(1, `${TS} ${'a'.repeat(5000)}\n`), frame(1, `${TS} next\n`)]));
    expect(lines[0]!.text).toBe('a'.repeat(1000));
    expect(lines[0]!.truncated).toBe(true);
    expect(lines[1]).toEqual({ stream: 'stdout', ts: TS, text: 'next' });
  });

  it('shows invalid UTF-8 as replacement characters instead of failing', () => {
    const d = new LogDecoder({ tty: false });
    const lines = push(d, frame(1, Buffer.concat([Buffer.from(`${TS} bad `), Buffer.from([0xff, 0xfe]), Buffer.from(' end\n')])));
    expect(lines[0]!.text).toBe('bad \uFFFD\uFFFD end');
  });

  it('flushes a last line without a newline at the end of the stream', () => {
    const d = new LogDecoder({ tty: false });
    expect(push(d, frame(1, `${TS} no newline`))).toEqual([]);
    expect(end(d)).toEqual([{ stream: 'stdout', ts: TS, text: 'no newline' }]);
  });

  it('emits many frames of one chunk in order', () => {
    const d = new LogDecoder({ tty: false });
    const data = Buffer.concat(Array.from({ length: 1000 }, (_, i) => frame(i % 3 === 0 ? 2 : 1, `${TS} line ${i}\n`)));
    const lines = push(d, data);
    expect(lines.map((l) => l.text)).toEqual(Array.from({ length: 1000 }, (_, i) => `line ${i}`));
    expect(lines.filter((l) => l.stream === 'stderr')).toHaveLength(334);
  });
});

describe('LogDecoder, TTY raw stream', () => {
  it('splits lines and strips timestamps even when split across chunks', () => {
    const d = new LogDecoder({ tty: true });
    const data = Buffer.from(`${TS} first\r\n${TS} \u001b[31mred\u001b[0m ✓\r\n`);
    expect(feedBytewise(d, data)).toEqual([
      { stream: 'stdout', ts: TS, text: 'first' },
      { stream: 'stdout', ts: TS, text: '\u001b[31mred\u001b[0m ✓' },
    ]);
  });

  it('joins a long TTY line cut into 16 KiB messages', () => {
    const d = new LogDecoder({ tty: true, maxLineBytes: 1 << 20 });
    const long = 'y'.repeat(DOCKER_PARTIAL_BYTES + 100);
    const data = Buffer.from(`${TS} ${long.slice(0, DOCKER_PARTIAL_BYTES)}${TS} ${long.slice(DOCKER_PARTIAL_BYTES)}\n${TS} after\n`);
    const lines = push(d, data);
    expect(lines.map((l) => l.text)).toEqual([long, 'after']);
  });
});
