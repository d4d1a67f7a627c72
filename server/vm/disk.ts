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

const CHUNK = 4 * 1024 * 1024;

/**
 * Copies `from` to `to` leaving holes where the source reads as zeros, then reads the copy back and
 * compares digests of the data chunks. Writes to a temporary name and renames only after the check.
 */
export async function sparseCopy(from: string, to: string, onProgress?: (p: CopyProgress) => void, signal?: AbortSignal): Promise<void> {
  const tmp = `${to}.partial`;
  const src = openSync(from, 'r');
  let dst: number | null = null;
  try {
    const total = fstatSync(src).size;
    dst = openSync(tmp, 'w', 0o600);
    const buf = Buffer.alloc(CHUNK);
    const zero = Buffer.alloc(CHUNK);
    const hashIn = createHash('sha256');
    let last = 0;
    for (let pos = 0; pos < total; ) {
      if (signal?.aborted) throw new Error('The copy was cancelled.');
      const n = readSync(src, buf, 0, Math.min(CHUNK, total - pos), pos);
      if (n <= 0) throw new Error('The disk image ended early while copying.');
      const chunk = buf.subarray(0, n);
      if (!chunk.equals(zero.subarray(0, n))) {
        writeSync(dst, chunk, 0, n, pos);
        hashIn.update(`${pos}:`).update(chunk);
      }
      pos += n;
      if (onProgress && (pos - last >= 256 * 1024 * 1024 || pos === total)) {
        last = pos;
        onProgress({ copiedBytes: pos, totalBytes: total });
        await new Promise((r) => setImmediate(r));
      }
    }
    ftruncateSync(dst, total);
    fsyncSync(dst);
    closeSync(dst);
    dst = null;
    const digestOut = await dataDigest(tmp);
    if (digestOut !== hashIn.digest('hex')) throw new Error('The copy does not match the original disk image.');
    renameSync(tmp, to);
  } catch (err) {
    if (dst !== null) closeSync(dst);
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    closeSync(src);
  }
}

/** A digest of the non-zero chunks of a file and their offsets. */
export async function dataDigest(file: string): Promise<string> {
  const fd = openSync(file, 'r');
  try {
    const total = fstatSync(fd).size;
    const buf = Buffer.alloc(CHUNK);
    const zero = Buffer.alloc(CHUNK);
    const hash = createHash('sha256');
    for (let pos = 0; pos < total; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, total - pos), pos);
      if (n <= 0) break;
      const chunk = buf.subarray(0, n);
      if (!chunk.equals(zero.subarray(0, n))) hash.update(`${pos}:`).update(chunk);
      pos += n;
      if (pos % (1024 * CHUNK) === 0) await new Promise((r) => setImmediate(r));
    }
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}
