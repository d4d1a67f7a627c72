// Reads a tar stream (ustar, PAX and GNU long names) as it arrives: headers as records, bodies as slices, never
// the whole archive in memory. Names are decoded leniently, so invalid UTF-8 shows as U+FFFD instead of failing.

export type TarType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarHeader {
  name: string;
  type: TarType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  owner: string;
  group: string;
  /** Seconds since the epoch. */
  mtime: number;
  linkname: string;
}

export type TarEvent = { kind: 'header'; header: TarHeader } | { kind: 'data'; chunk: Buffer };

const BLOCK = 512;
const decoder = new TextDecoder('utf-8');

function text(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function octal(block: Buffer, offset: number, length: number): number {
  const field = block.subarray(offset, offset + length);
  // GNU base-256 for values that do not fit the octal digits.
  if (field[0]! & 0x80) {
    let v = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i]!;
    return v;
  }
  const s = text(block, offset, length).trim();
  return s ? parseInt(s, 8) || 0 : 0;
}

function typeOf(flag: string): TarType {
  if (flag === '0' || flag === '' || flag === '7') return 'file';
  if (flag === '5') return 'dir';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(body.subarray(at, space).toString('ascii'));
    if (!Number.isFinite(length) || length <= 0) break;
    const record = body.subarray(space + 1, at + length - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) out[record.subarray(0, eq).toString('utf8')] = decoder.decode(record.subarray(eq + 1));
    at += length;
  }
  return out;
}

/** Bodies of PAX and GNU long-name records are metadata; larger than this is not a tar Berth reads. */
const META_MAX = 1 << 20;

export async function* tarEvents(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<TarEvent> {
  let buf: Buffer = Buffer.alloc(0);
  let body = 0;
  let pad = 0;
  let meta: { flag: string; chunks: Buffer[]; left: number } | null = null;
  let pax: Record<string, string> = {};
  let longName: string | null = null;
  let longLink: string | null = null;
  for await (const piece of source) {
    const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (body > 0) {
        if (!buf.length) break;
        const n = Math.min(body, buf.length);
        const slice = buf.subarray(0, n);
        buf = buf.subarray(n);
        body -= n;
        if (meta) {
          meta.chunks.push(slice);
          meta.left -= n;
        } else yield { kind: 'data', chunk: slice };
        continue;
      }
      if (pad > 0) {
        const n = Math.min(pad, buf.length);
        buf = buf.subarray(n);
        pad -= n;
        if (pad > 0) break;
        continue;
      }
      if (meta) {
        const all = Buffer.concat(meta.chunks);
        if (meta.flag === 'x') pax = { ...pax, ...parsePax(all) };
        else if (meta.flag === 'L') longName = text(all, 0, all.length);
        else if (meta.flag === 'K') longLink = text(all, 0, all.length);
        meta = null;
        continue;
      }
      if (buf.length < BLOCK) break;
      const block = buf.subarray(0, BLOCK);
      buf = buf.subarray(BLOCK);
      if (block.every((b) => b === 0)) continue;
      const flag = String.fromCharCode(block[156]!).replace('\0', '');
      const size = octal(block, 124, 12);
      if (flag === 'x' || flag === 'L' || flag === 'K' || flag === 'g') {
        if (size > META_MAX) throw new Error('a tar metadata record is too large');
        meta = { flag, chunks: [], left: size };
        body = size;
        pad = (BLOCK - (size % BLOCK)) % BLOCK;
        if (size === 0) pad = 0;
        continue;
      }
      const ustar = text(block, 257, 6) === 'ustar';
      const prefix = ustar ? text(block, 345, 155) : '';
      const plainName = prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100);
      const header: TarHeader = {
        name: pax.path ?? longName ?? plainName,
        type: typeOf(flag),
        size: pax.size !== undefined ? Number(pax.size) : size,
        mode: octal(block, 100, 8),
        uid: pax.uid !== undefined ? Number(pax.uid) : octal(block, 108, 8),
        gid: pax.gid !== undefined ? Number(pax.gid) : octal(block, 116, 8),
        owner: pax.uname ?? text(block, 265, 32),
        group: pax.gname ?? text(block, 297, 32),
        mtime: pax.mtime !== undefined ? Math.floor(Number(pax.mtime)) : octal(block, 136, 12),
        linkname: pax.linkpath ?? longLink ?? text(block, 157, 100),
      };
      pax = {};
      longName = null;
      longLink = null;
      yield { kind: 'header', header };
      const dataSize = header.type === 'file' ? header.size : 0;
      body = dataSize;
      pad = (BLOCK - (dataSize % BLOCK)) % BLOCK;
    }
  }
  if (body > 0 || pad > 0 || meta) throw new Error('the archive ended in the middle of an entry');
}
