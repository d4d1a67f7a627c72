// Decodes Docker's log stream (multiplexed frames or a TTY's raw bytes, with timestamps) into whole lines.
export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  stream: LogStream;
  /** RFC 3339 with nanoseconds, as the engine stamped the line's first byte. */
  ts: string;
  text: string;
  truncated?: true;
}

export interface LogDecoderOptions {
  tty: boolean;
  /** Longest line kept, in bytes; the rest of a longer line is dropped and the line marked truncated. */
  maxLineBytes?: number;
}

/** Docker's log copier cuts lines into messages of this many bytes, each with its own timestamp. */
export const DOCKER_PARTIAL_BYTES = 16 * 1024;
const TS_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}) /;
const NEWLINE = 0x0a;
const SPACE = 0x20;

interface Pending {
  parts: Buffer[];
  size: number;
  ts: string | null;
  truncated: boolean;
}

function emptyPending(): Pending {
  return { parts: [], size: 0, ts: null, truncated: false };
}

export class LogDecoder {
  private readonly tty: boolean;
  private readonly max: number;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: false });
  private readonly pending: Record<LogStream, Pending> = { stdout: emptyPending(), stderr: emptyPending() };
  /** Non-TTY: bytes of an incomplete frame header or payload carried to the next chunk. */
  private carry: Buffer = Buffer.alloc(0);
  /** TTY: the current message's timestamp prefix while it is still arriving, and bytes seen of its body. */
  private ttyPrefix: Buffer | null = Buffer.alloc(0);
  private ttyMessageBytes = 0;

  constructor(opts: LogDecoderOptions) {
    this.tty = opts.tty;
    this.max = opts.maxLineBytes ?? 256 * 1024;
  }

  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    if (this.tty) this.pushRaw(chunk, out);
    else this.pushFrames(chunk, out);
    return out;
  }

  /** Flushes lines that never got their newline (the last line of a stopped container, a prompt). */
  end(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const p = this.pending[stream];
      if (p.size > 0 || p.truncated || p.ts !== null) this.emit(stream, out);
    }
    return out;
  }

  private pushFrames(chunk: Buffer, out: LogLine[]): void {
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      const kind = buf[0];
      const payload = buf.subarray(8, 8 + size);
      buf = buf.subarray(8 + size);
      // 0 is stdin (never in logs); treat anything but stderr as stdout.
      this.message(kind === 2 ? 'stderr' : 'stdout', payload, out);
    }
    this.carry = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
  }

  /** One frame is one engine message: "<timestamp> <bytes>" that may end a line, or continue one. */
  private message(stream: LogStream, payload: Buffer, out: LogLine[]): void {
    let body = payload;
    let ts: string | null = null;
    const space = payload.indexOf(SPACE);
    // Cheap shape check first ("2024-05-01T…"); the full pattern only confirms it.
    if (space > 19 && space <= 40 && payload[4] === 0x2d && payload[10] === 0x54) {
      const text = payload.toString('latin1', 0, space + 1);
      if (TS_PREFIX.test(text)) {
        ts = text.slice(0, -1);
        body = payload.subarray(space + 1);
      }
    }
    const p = this.pending[stream];
    // The common case: a whole line in one message, nothing pending.
    const last = body.length - 1;
    if (p.size === 0 && !p.truncated && p.ts === null && last >= 0 && body[last] === NEWLINE && body.indexOf(NEWLINE) === last) {
      const end = last > 0 && body[last - 1] === 0x0d ? last - 1 : last;
      const truncated = end > this.max;
      const line: LogLine = { stream, ts: ts ?? '', text: this.utf8.decode(body.subarray(0, truncated ? this.max : end)) };
      if (truncated) line.truncated = true;
      out.push(line);
      return;
    }
    if (ts !== null && p.ts === null) p.ts = ts;
    this.content(stream, body, out);
  }

  /** Appends bytes to a stream's pending line, emitting every line a newline completes. */
  private content(stream: LogStream, bytes: Buffer, out: LogLine[]): void {
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(NEWLINE, start);
      if (nl < 0) {
        this.append(stream, bytes.subarray(start));
        return;
      }
      this.append(stream, bytes.subarray(start, nl));
      this.emit(stream, out);
      start = nl + 1;
    }
  }

  private append(stream: LogStream, bytes: Buffer): void {
    if (bytes.length === 0) return;
    const p = this.pending[stream];
    const room = this.max - p.size;
    if (room <= 0) {
      p.truncated = true;
      return;
    }
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (kept.length < bytes.length) p.truncated = true;
    p.parts.push(Buffer.from(kept));
    p.size += kept.length;
  }

  private emit(stream: LogStream, out: LogLine[]): void {
    const p = this.pending[stream];
    let bytes = p.parts.length === 1 ? p.parts[0]! : Buffer.concat(p.parts, p.size);
    if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    const line: LogLine = { stream, ts: p.ts ?? '', text: this.utf8.decode(bytes) };
    if (p.truncated) line.truncated = true;
    out.push(line);
    this.pending[stream] = emptyPending();
  }

  /** A TTY's stream is raw: "<timestamp> <text>\n" repeated, with long lines cut into 16 KiB messages. */
  private pushRaw(chunk: Buffer, out: LogLine[]): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.ttyPrefix !== null && this.ttyPrefix.length === 0 && chunk[i] === NEWLINE) {
        // A line that ended exactly where a 16 KiB message did.
        this.content('stdout', chunk.subarray(i, i + 1), out);
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
        const prefix = this.ttyPrefix.toString('latin1');
        this.ttyPrefix = null;
        this.ttyMessageBytes = 0;
        if (TS_PREFIX.test(prefix)) {
          const p = this.pending.stdout;
          if (p.ts === null) p.ts = prefix.slice(0, -1);
        } else {
          // Not a timestamp after all: it is text.
          this.rawText(Buffer.from(prefix, 'latin1'), out);
        }
        continue;
      }
      const limit = DOCKER_PARTIAL_BYTES - this.ttyMessageBytes;
      const nl = chunk.indexOf(NEWLINE, i);
      const stop = nl >= 0 && nl - i < limit ? nl + 1 : Math.min(chunk.length, i + limit);
      this.rawText(chunk.subarray(i, stop), out);
      i = stop;
    }
  }

  private rawText(bytes: Buffer, out: LogLine[]): void {
    const endsLine = bytes.length > 0 && bytes[bytes.length - 1] === NEWLINE;
    this.content('stdout', bytes, out);
    this.ttyMessageBytes += bytes.length;
    if (endsLine || this.ttyMessageBytes >= DOCKER_PARTIAL_BYTES) this.ttyPrefix = Buffer.alloc(0);
  }
}
