import { closeSync, mkdtempSync, openSync, readFileSync, statSync, truncateSync, writeSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDigest, diskUsage, sparseCopy } from './disk';

function sparseFile(path: string): void {
  const fd = openSync(path, 'w');
  truncateSync(path, 256 * 1024 * 1024);
  writeSync(fd, Buffer.from('start of disk'), 0, 13, 0);
  writeSync(fd, Buffer.alloc(1024 * 1024, 7), 0, 1024 * 1024, 100 * 1024 * 1024);
  writeSync(fd, Buffer.from('end'), 0, 3, 256 * 1024 * 1024 - 3);
  closeSync(fd);
}

describe('sparseCopy', () => {
  it('copies every byte, keeps holes as holes, and reports progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-disk-'));
    const from = join(dir, 'Docker.raw');
    const to = join(dir, 'moved.raw');
    sparseFile(from);
    const seen: number[] = [];
    await sparseCopy(from, to, (p) => seen.push(p.copiedBytes));
    expect(statSync(to).size).toBe(statSync(from).size);
    expect(await dataDigest(to)).toBe(await dataDigest(from));
    expect(readFileSync(to).subarray(0, 13).toString()).toBe('start of disk');
    expect(diskUsage(to)!.allocatedBytes).toBeLessThan(32 * 1024 * 1024);
    expect(seen.at(-1)).toBe(256 * 1024 * 1024);
    expect(existsSync(`${to}.partial`)).toBe(false);
  });

  it('leaves nothing behind and the source intact when cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-disk-'));
    const from = join(dir, 'Docker.raw');
    sparseFile(from);
    const before = await dataDigest(from);
    const abort = new AbortController();
    abort.abort();
    await expect(sparseCopy(from, join(dir, 'x.raw'), undefined, abort.signal)).rejects.toThrow('cancelled');
    expect(existsSync(join(dir, 'x.raw'))).toBe(false);
    expect(existsSync(join(dir, 'x.raw.partial'))).toBe(false);
    expect(await dataDigest(from)).toBe(before);
  });
});
