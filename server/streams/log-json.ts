// Writes a batch of log lines as the JSON of its columns straight from the engine's bytes: plain lines are copied, not decoded and re-encoded.
import type { LogStream } from './log-decoder';

/** One event's lines as columns, the form they travel in; a line's id is the client's to derive. */
export interface LogColumns {
  ts: string[];
  text: string[];
  /** Positions of stderr's lines; the others are stdout's. */
  stderr?: number[];
  /** Positions of lines cut at the size limit. */
  truncated?: number[];
}

/** A value already encoded as JSON, in parts: SSE writes the bytes as they are; anything that serializes objects gets `toJSON`. */
export class EncodedJson<T> {
  constructor(readonly parts: Buffer[]) {}

  toJSON(): T {
    return JSON.parse(Buffer.concat(this.parts).toString('utf8')) as T;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const FIRST_SIZE = 16 * 1024;
/** A follower that went quiet holds at most this much of scratch space. */
const KEEP_SIZE = 64 * 1024;
const OPEN = Buffer.from('{"ts":[');
const MIDDLE = Buffer.from('],"text":[');

/** Bytes that JSON takes as they are: printable ASCII but the quote and the backslash. */
function plain(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) return false;
  }
  return true;
}

class Bytes {
  buf = Buffer.allocUnsafe(FIRST_SIZE);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.length++] = c;
  }

  copy(src: Buffer, start: number, end: number): void {
    this.room(end - start);
    this.length += src.copy(this.buf, this.length, start, end);
  }

  /** ASCII text, byte by byte: cheaper than a call into the engine for a 30-byte timestamp. */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.length++] = s.charCodeAt(i);
  }

  text(s: string): void {
    this.room(Buffer.byteLength(s));
    this.length += this.buf.write(s, this.length);
  }

  /** The bytes written, handed over: the next batch gets a buffer of its own. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafe(Math.min(Math.max(FIRST_SIZE, this.length), KEEP_SIZE));
    this.length = 0;
    return out;
  }
}

/** Collects lines and hands them out as one JSON-encoded batch of columns. */
export class LogBatchWriter {
  private readonly ts = new Bytes();
  private readonly text = new Bytes();
  // Each batch's buffers are handed over whole (no copy); the next batch starts with ones of the size it is likely to need.
  private stderr: number[] = [];
  private truncated: number[] = [];
  count = 0;

  /** `ts` is a timestamp the decoder checked (digits, "-", "T", ":", ".", "Z", "+") or empty: it needs no escaping. */
  add(stream: LogStream, ts: string, bytes: Buffer, start: number, end: number, truncated: boolean): void {
    const at = this.count++;
    if (at) {
      this.ts.byte(COMMA);
      this.text.byte(COMMA);
    }
    this.ts.byte(QUOTE);
    this.ts.ascii(ts);
    this.ts.byte(QUOTE);
    if (plain(bytes, start, end)) {
      this.text.byte(QUOTE);
      this.text.copy(bytes, start, end);
      this.text.byte(QUOTE);
    } else {
      // Escapes, and invalid UTF-8 shown as U+FFFD, exactly as JSON.stringify of the decoded text.
      this.text.text(JSON.stringify(bytes.toString('utf8', start, end)));
    }
    if (stream === 'stderr') this.stderr.push(at);
    if (truncated) this.truncated.push(at);
  }

  /** `extra`: more columns, already JSON (`,"source":[…]`), for streams whose lines carry more (service logs). */
  take<T extends LogColumns = LogColumns>(extra = ''): EncodedJson<T> {
    let tail = ']';
    if (this.stderr.length) tail += `,"stderr":[${this.stderr.join(',')}]`;
    if (this.truncated.length) tail += `,"truncated":[${this.truncated.join(',')}]`;
    const parts = [OPEN, this.ts.take(), MIDDLE, this.text.take(), Buffer.from(`${tail}${extra}}`)];
    this.stderr = [];
    this.truncated = [];
    this.count = 0;
    return new EncodedJson<T>(parts);
  }
}
