// A small tar (ustar + PAX) writer for build contexts, used by the server and the browser alike: headers only, the
// caller streams each file's bytes after its header and pads them with tarPadding.

export interface TarEntry {
  /** A relative path with "/" separators; UTF-8 and any length (PAX records carry what ustar cannot). */
  name: string;
  type: 'file' | 'dir' | 'symlink';
  /** Bytes of a file; 0 for the others. */
  size?: number;
  mode?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  linkname?: string;
  /** Owner ids (0 when absent); the engine applies them only when asked to keep owners. */
  uid?: number;
  gid?: number;
}

const BLOCK = 512;
const encoder = new TextEncoder();

/** Two empty blocks: the end of an archive. */
export const TAR_END = new Uint8Array(BLOCK * 2);

/** Zeros that fill a file of `size` bytes up to a whole block. */
export function tarPadding(size: number): Uint8Array {
  const rest = size % BLOCK;
  return new Uint8Array(rest === 0 ? 0 : BLOCK - rest);
}

function isPlainAscii(s: string, max: number): boolean {
  return s.length <= max && /^[\x20-\x7e]*$/.test(s);
}

function writeString(block: Uint8Array, offset: number, length: number, value: string): void {
  block.set(encoder.encode(value).subarray(0, length), offset);
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${Math.floor(value).toString(8).padStart(length - 1, '0')}\0`);
}

/** One PAX record: "<length> key=value\n", where the length counts its own digits too. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = encoder.encode(body).length;
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
  return `${length}${body}`;
}

function header(name: string, typeflag: string, size: number, mode: number, mtime: number, linkname: string, uid = 0, gid = 0): Uint8Array {
  const block = new Uint8Array(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, mode);
  writeOctal(block, 108, 8, uid);
  writeOctal(block, 116, 8, gid);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, mtime);
  block.fill(0x20, 148, 156);
  writeString(block, 156, 1, typeflag);
  writeString(block, 157, 100, linkname);
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  let sum = 0;
  for (const b of block) sum += b;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** The header block(s) of one entry: a PAX header first when the name or link target does not fit ustar as ASCII. */
export function tarHeader(entry: TarEntry): Uint8Array {
  const name = entry.type === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  const linkname = entry.linkname ?? '';
  const size = entry.type === 'file' ? (entry.size ?? 0) : 0;
  const mode = entry.mode ?? (entry.type === 'dir' ? 0o755 : 0o644);
  const mtime = entry.mtime ?? 0;
  const typeflag = entry.type === 'file' ? '0' : entry.type === 'dir' ? '5' : '2';
  let pax = '';
  if (!isPlainAscii(name, 100)) pax += paxRecord('path', name);
  if (!isPlainAscii(linkname, 100)) pax += paxRecord('linkpath', linkname);
  // ustar's size field holds 11 octal digits (8 GiB); larger files say their size in PAX.
  if (size >= 8 ** 11) pax += paxRecord('size', String(size));
  const main = header(isPlainAscii(name, 100) ? name : asciiFallback(name), typeflag, size >= 8 ** 11 ? 0 : size, mode, mtime, isPlainAscii(linkname, 100) ? linkname : '', entry.uid, entry.gid);
  if (!pax) return main;
  const body = encoder.encode(pax);
  const out = new Uint8Array(BLOCK + body.length + tarPadding(body.length).length + BLOCK);
  out.set(header('PaxHeader', 'x', body.length, 0o644, mtime, ''), 0);
  out.set(body, BLOCK);
  out.set(main, out.length - BLOCK);
  return out;
}

/** What a reader without PAX support sees: the name's last 99 ASCII-safe characters. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').slice(-99);
}
