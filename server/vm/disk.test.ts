import { closeSync, mkdtempSync, openSync, readFileSync, statSync, truncateSync, writeSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDigest, dataExtents, diskUsage, parseFilefrag, sparseCopy } from './disk';

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
    const seen: { copiedBytes: number; totalBytes: number }[] = [];
    await sparseCopy(from, to, (p) => seen.push(p));
    expect(statSync(to).size).toBe(statSync(from).size);
    expect(await dataDigest(to)).toBe(await dataDigest(from));
    expect(readFileSync(to).subarray(0, 13).toString()).toBe('start of disk');
    expect(diskUsage(to)!.allocatedBytes).toBeLessThan(32 * 1024 * 1024);
    // Progress counts the bytes that hold data (all of them when the file system has no extent map), and ends full.
    expect(seen.at(-1)!.copiedBytes).toBe(seen.at(-1)!.totalBytes);
    expect(seen.at(-1)!.totalBytes).toBeLessThanOrEqual(256 * 1024 * 1024);
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

describe('data extents', () => {
  it('reads filefrag\'s map, merging neighbours and leaving out preallocated space', () => {
    const text = [
      'Filesystem type is: ef53',
      'File size of /d/Docker.raw is 1073741824 (262144 blocks of 4096 bytes)',
      ' ext:     logical_offset:        physical_offset: length:   expected: flags:',
      '   0:     1220..    1220:    9997508..   9997508:      1:       1220:',
      '   1:     1221..    1230:    9997600..   9997609:     10:    9997509:',
      '   2:   128000..  128767:    9999360..  10000127:    768:   10124288:',
      '   3:   195312..  195556:    9965570..   9965814:    245:   10066672: last,unwritten',
      '/d/Docker.raw: 4 extents found',
    ].join('\n');
    expect(parseFilefrag(text)).toEqual([
      { offset: 1220 * 4096, length: 11 * 4096 },
      { offset: 128000 * 4096, length: 768 * 4096 },
    ]);
    expect(parseFilefrag('filefrag: not supported')).toBeNull();
  });

  it('finds where a sparse file holds data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-disk-'));
    const file = join(dir, 'Docker.raw');
    sparseFile(file);
    const extents = await dataExtents(file);
    // A file system without an extent map (tmpfs) says nothing; the copy then reads the whole file.
    if (extents === null) return;
    const covered = (pos: number) => extents.some((e) => pos >= e.offset && pos < e.offset + e.length);
    expect(covered(0)).toBe(true);
    expect(covered(100 * 1024 * 1024 + 10)).toBe(true);
    expect(covered(50 * 1024 * 1024)).toBe(false);
  });
});
