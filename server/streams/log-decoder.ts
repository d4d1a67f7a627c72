// Decodes Docker's log stream (multiplexed frames or a TTY's raw bytes, with timestamps) into whole lines.
export type LogStream = 'stdout' | 'stderr';

/**
 * Receives each whole line as the decoder completes it, as its UTF-8 bytes `bytes[start, end)` (valid only during
 * the call): no object and no decoded string per line on the hot path.
 */
export type LineSink = (stream: LogStream, ts: string, bytes: Buffer, start: number, end: number, truncated: boolean) => void;

export interface LogDecoderOptions {
  tty: boolean;
  /** Longest line kept, in bytes; the rest of a longer line is dropped and the line marked truncated. */
  maxLineBytes?: number;
}

/** Docker's log copier cuts lines into messages of this many bytes, each with its own timestamp. */
export const DOCKER_PARTIAL_BYTES = 16 * 1024;
/** "<timestamp> " without its space; the engine stamps RFC 3339 with nanoseconds. */
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);

interface Pending {
  parts: Buffer[];
  size: number;
  ts: string | null;
  truncated: boolean;
}

function emptyPending(): Pending {
  return { parts: [], size: 0, ts: null, truncated: false };
}

/** The timestamp that "<timestamp> " at `start` holds, or null; `space` is the index of its space. */
function stampAt(buf: Buffer, start: number, space: number): string | null {
  const len = space - start;
  // Cheap shape check first ("2024-05-01T…"); the full pattern only confirms it.
  if (len < 20 || len > 40 || buf[start + 4] !== 0x2d || buf[start + 10] !== 0x54) return null;
  const text = buf.toString('latin1', start, space);
  return TS.test(text) ? text : null;
}

export class LogDecoder {
  private readonly tty: boolean;
  private readonly max: number;
  private readonly pending: Record<LogStream, Pending> = { stdout: emptyPending(), stderr: emptyPending() };
  /** Non-TTY: bytes of an incomplete frame header or payload carried to the next chunk. */
  private carry: Buffer = EMPTY;
  /** TTY: the current message's timestamp prefix while it is still arriving, and bytes seen of its body. */
  private ttyPrefix: Buffer | null = EMPTY;
  private ttyMessageBytes = 0;

  constructor(opts: LogDecoderOptions) {
    this.tty = opts.tty;
    this.max = opts.maxLineBytes ?? 256 * 1024;
  }

  push(chunk: Buffer, sink: LineSink): void {
    if (this.tty) this.pushRaw(chunk, sink);
    else this.pushFrames(chunk, sink);
  }

  /** Flushes lines that never got their newline (the last line of a stopped container, a prompt). */
  end(sink: LineSink): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const p = this.pending[stream];
      if (p.size > 0 || p.truncated || p.ts !== null) this.emit(stream, sink);
    }
  }

  /** Frames are read in place by offset: a line costs no view of the chunk, and only a frame cut in two is copied. */
  private pushFrames(chunk: Buffer, sink: LineSink): void {
    let at = 0;
    if (this.carry.length) {
      const have = this.carry.length;
      const head = have >= 8 ? this.carry : Buffer.concat([this.carry, chunk.subarray(0, 8 - have)]);
      const total = head.length >= 8 ? 8 + head.readUInt32BE(4) : Infinity;
      if (chunk.length < total - have) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const frame = Buffer.concat([this.carry, chunk.subarray(0, total - have)]);
      this.message(frame[0] === 2 ? 'stderr' : 'stdout', frame, 8, total, sink);
      at = total - have;
    }
    while (chunk.length - at >= 8) {
      const size = chunk.readUInt32BE(at + 4);
      if (chunk.length - at < 8 + size) break;
      // 0 is stdin (never in logs); treat anything but stderr as stdout.
      this.message(chunk[at] === 2 ? 'stderr' : 'stdout', chunk, at + 8, at + 8 + size, sink);
      at += 8 + size;
    }
    this.carry = at < chunk.length ? Buffer.from(chunk.subarray(at)) : EMPTY;
  }

  /**
   * One engine message whose framing the caller read itself (a service log's task stream): the same line assembly as a
   * frame of the multiplexed stream.
   */
  pushMessage(stream: LogStream, buf: Buffer, start: number, end: number, sink: LineSink): void {
    this.message(stream, buf, start, end, sink);
  }

  /** One frame is one engine message: "<timestamp> <bytes>" that may end a line, or continue one. */
  private message(stream: LogStream, buf: Buffer, start: number, end: number, sink: LineSink): void {
    let body = start;
    let ts: string | null = null;
    const space = buf.indexOf(SPACE, start);
    if (space >= 0 && space < end) {
      ts = stampAt(buf, start, space);
      if (ts !== null) body = space + 1;
    }
    const p = this.pending[stream];
    // The common case: a whole line in one message, nothing pending.
    const last = end - 1;
    if (p.size === 0 && !p.truncated && p.ts === null && last >= body && buf[last] === NEWLINE && buf.indexOf(NEWLINE, body) === last) {
      const stop = last > body && buf[last - 1] === CR ? last - 1 : last;
      const truncated = stop - body > this.max;
      sink(stream, ts ?? '', buf, body, truncated ? body + this.max : stop, truncated);
      return;
    }
    if (ts !== null && p.ts === null) p.ts = ts;
    this.content(stream, buf, body, end, sink);
  }

  /** Appends bytes to a stream's pending line, emitting every line a newline completes. */
  private content(stream: LogStream, buf: Buffer, start: number, end: number, sink: LineSink): void {
    for (;;) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl < 0 || nl >= end) {
        this.append(stream, buf, start, end);
        return;
      }
      this.append(stream, buf, start, nl);
      this.emit(stream, sink);
      start = nl + 1;
    }
  }

  private append(stream: LogStream, buf: Buffer, start: number, end: number): void {
    if (end <= start) return;
    const p = this.pending[stream];
    const room = this.max - p.size;
    if (room <= 0) {
      p.truncated = true;
      return;
    }
    const stop = end - start > room ? start + room : end;
    if (stop < end) p.truncated = true;
    p.parts.push(Buffer.from(buf.subarray(start, stop)));
    p.size += stop - start;
  }

  private emit(stream: LogStream, sink: LineSink): void {
    const p = this.pending[stream];
    const bytes = p.parts.length === 1 ? p.parts[0]! : Buffer.concat(p.parts, p.size);
    const stop = bytes.length && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    this.pending[stream] = emptyPending();
    sink(stream, p.ts ?? '', bytes, 0, stop, p.truncated);
  }

  /** A TTY's stream is raw: "<timestamp> <text>\n" repeated, with long lines cut into 16 KiB messages. */
  private pushRaw(chunk: Buffer, sink: LineSink): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.ttyPrefix !== null && this.ttyPrefix.length === 0 && chunk[i] === NEWLINE) {
        // A line that ended exactly where a 16 KiB message did.
        this.content('stdout', chunk, i, i + 1, sink);
        i++;
        continue;
      }
      if (this.ttyPrefix !== null) {
        // Reading a timestamp prefix, possibly split across chunks.
        const space = chunk.indexOf(SPACE, i);
        const end = space < 0 ? chunk.length : space + 1;
        this.ttyPrefix = Buffer.concat([this.ttyPrefix, chunk.subarray(i, end)]);
        i = end;
        if (space < 0 && this.ttyPrefix.length <= 40) return;
        const prefix = this.ttyPrefix;
        this.ttyPrefix = null;
        this.ttyMessageBytes = 0;
        const ts = prefix[prefix.length - 1] === SPACE ? stampAt(prefix, 0, prefix.length - 1) : null;
        if (ts !== null) {
          const p = this.pending.stdout;
          if (p.ts === null) p.ts = ts;
        } else {
          // Not a timestamp after all: it is text.
          this.rawText(prefix, 0, prefix.length, sink);
        }
        continue;
      }
      const limit = DOCKER_PARTIAL_BYTES - this.ttyMessageBytes;
      const nl = chunk.indexOf(NEWLINE, i);
      const stop = nl >= 0 && nl - i < limit ? nl + 1 : Math.min(chunk.length, i + limit);
      this.rawText(chunk, i, stop, sink);
      i = stop;
    }
  }

  private rawText(buf: Buffer, start: number, end: number, sink: LineSink): void {
    const endsLine = end > start && buf[end - 1] === NEWLINE;
    this.content('stdout', buf, start, end, sink);
    this.ttyMessageBytes += end - start;
    if (endsLine || this.ttyMessageBytes >= DOCKER_PARTIAL_BYTES) this.ttyPrefix = EMPTY;
  }
}
