// The data disk Docker.raw: create, grow, measure and copy it, sparse-aware and without losing data.
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, statSync, truncateSync, writeSync, fsyncSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { SBIN_PATH } from './image';
import { run } from './run';

export const GIB = 1024 ** 3;

export interface DiskUsage {
  /** The maximum size the guest sees (the file's apparent size). */
  maxBytes: number;
  /** Blocks the file really holds on the host. */
  allocatedBytes: number;
}

export function diskUsage(file: string): DiskUsage | null {
  if (!existsSync(file)) return null;
  const st = statSync(file);
  return { maxBytes: st.size, allocatedBytes: st.blocks * 512 };
}

/** A new sparse disk formatted ext4; formatting writes only metadata, so it stays small. */
export async function createDisk(file: string, maxGiB: number): Promise<void> {
  const tmp = `${file}.new`;
  rmSync(tmp, { force: true });
  closeSync(openSync(tmp, 'w', 0o600));
  truncateSync(tmp, maxGiB * GIB);
  await run('mkfs.ext4', ['-q', '-F', '-L', 'berth-data', '-m', '0', '-E', 'lazy_itable_init=1,lazy_journal_init=1,nodiscard', tmp], {
    env: { ...process.env, PATH: SBIN_PATH },
  });
  renameSync(tmp, file);
}

/** Grows the file; the guest grows the file system to match at its next boot (resize2fs online). */
export function growDisk(file: string, maxGiB: number): void {
  const size = statSync(file).size;
  if (maxGiB * GIB < size) throw new Error('Growing cannot make the disk smaller.');
  truncateSync(file, maxGiB * GIB);
}

export interface CopyProgress {
  copiedBytes: number;
  totalBytes: number;
}

/** A byte range of a file that holds data; everything else reads as zeros. */
export interface Extent {
  offset: number;
  length: number;
}

const CHUNK = 4 * 1024 * 1024;

/**
 * The data ranges of a file from the file system's extent map (`filefrag`, FIEMAP), merged, without
 * preallocated-but-unwritten ones; null when the file system cannot say. Reading only these is what makes
 * copying a 64 GiB disk that holds 2 GiB take seconds: reading a hole still costs the kernel a zeroed page.
 */
export async function dataExtents(file: string): Promise<Extent[] | null> {
  let out: string;
  try {
    out = await run('filefrag', ['-s', '-v', file], { env: { ...process.env, PATH: SBIN_PATH } });
  } catch {
    return null;
  }
  return parseFilefrag(out);
}

export function parseFilefrag(text: string): Extent[] | null {
  const block = /blocks of (\d+) bytes/.exec(text);
  if (!block) return null;
  const size = Number(block[1]);
  const extents: Extent[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\d+:\s+(\d+)\.\.\s*(\d+):\s+\d+\.\.\s*\d+:\s+(\d+):.*$/.exec(line);
    if (!m || /unwritten/.test(line)) continue;
    const offset = Number(m[1]) * size;
    const length = Number(m[3]) * size;
    const last = extents[extents.length - 1];
    if (last && last.offset + last.length === offset) last.length += length;
    else extents.push({ offset, length });
  }
  return extents;
}

/** Calls `each` with every non-zero chunk of `fd` and its offset, reading only `extents` when known. */
async function forEachDataChunk(fd: number, total: number, extents: Extent[] | null, each: (chunk: Buffer, pos: number) => void, onRead?: (done: number) => Promise<void> | void, signal?: AbortSignal): Promise<void> {
  const ranges = extents ?? [{ offset: 0, length: total }];
  const buf = Buffer.alloc(CHUNK);
  const zero = Buffer.alloc(CHUNK);
  let done = 0;
  for (const r of ranges) {
    const end = Math.min(total, r.offset + r.length);
    for (let pos = r.offset; pos < end; ) {
      if (signal?.aborted) throw new Error('The copy was cancelled.');
      const n = readSync(fd, buf, 0, Math.min(CHUNK, end - pos), pos);
      if (n <= 0) throw new Error('The disk image ended early while copying.');
      const chunk = buf.subarray(0, n);
      if (!chunk.equals(zero.subarray(0, n))) each(chunk, pos);
      pos += n;
      done += n;
      await onRead?.(done);
    }
  }
}

/**
 * Copies `from` to `to` leaving holes where the source has none or reads as zeros, then reads the copy back
 * and compares digests of the data. Writes to a temporary name and renames only after the check.
 */
export async function sparseCopy(from: string, to: string, onProgress?: (p: CopyProgress) => void, signal?: AbortSignal): Promise<void> {
  const tmp = `${to}.partial`;
  const src = openSync(from, 'r');
  let dst: number | null = null;
  try {
    const total = fstatSync(src).size;
    const extents = await dataExtents(from);
    const toRead = extents ? extents.reduce((a, e) => a + Math.min(e.length, Math.max(0, total - e.offset)), 0) : total;
    dst = openSync(tmp, 'w', 0o600);
    const out = dst;
    const hashIn = createHash('sha256');
    let last = 0;
    await forEachDataChunk(
      src,
      total,
      extents,
      (chunk, pos) => {
        writeSync(out, chunk, 0, chunk.length, pos);
        hashIn.update(`${pos}:`).update(chunk);
      },
      async (done) => {
        if (onProgress && (done - last >= 64 * 1024 * 1024 || done === toRead)) {
          last = done;
          onProgress({ copiedBytes: done, totalBytes: Math.max(1, toRead) });
          await new Promise((r) => setImmediate(r));
        }
      },
      signal,
    );
    if (signal?.aborted) throw new Error('The copy was cancelled.');
    ftruncateSync(dst, total);
    fsyncSync(dst);
    closeSync(dst);
    dst = null;
    if ((await dataDigest(tmp, extents)) !== hashIn.digest('hex')) throw new Error('The copy does not match the original disk image.');
    renameSync(tmp, to);
    onProgress?.({ copiedBytes: toRead, totalBytes: Math.max(1, toRead) });
  } catch (err) {
    if (dst !== null) closeSync(dst);
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    closeSync(src);
  }
}

/** A digest of the non-zero chunks of a file and their offsets (within `extents` when given). */
export async function dataDigest(file: string, extents: Extent[] | null = null): Promise<string> {
  const fd = openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    let n = 0;
    await forEachDataChunk(fd, fstatSync(fd).size, extents, (chunk, pos) => hash.update(`${pos}:`).update(chunk), () => {
      if (++n % 256 === 0) return new Promise((r) => setImmediate(r));
    });
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}
