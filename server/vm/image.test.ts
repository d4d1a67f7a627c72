import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cpioArchive, gzipCpio } from './cpio';
import { moduleClosure, subidProblem } from './image';

describe('moduleClosure', () => {
  const dep = [
    'kernel/fs/ext4/ext4.ko: kernel/fs/mbcache.ko kernel/fs/jbd2/jbd2.ko kernel/lib/crc16.ko',
    'kernel/fs/jbd2/jbd2.ko:',
    'kernel/fs/mbcache.ko:',
    'kernel/lib/crc16.ko:',
    'kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio_ring.ko',
    'kernel/drivers/virtio/virtio_ring.ko:',
  ].join('\n');

  it('puts every dependency before the module that needs it, once', () => {
    const order = moduleClosure(dep, ['virtio_blk', 'ext4', 'jbd2']);
    expect(order).toEqual([
      'kernel/drivers/virtio/virtio_ring.ko',
      'kernel/drivers/block/virtio_blk.ko',
      'kernel/lib/crc16.ko',
      'kernel/fs/jbd2/jbd2.ko',
      'kernel/fs/mbcache.ko',
      'kernel/fs/ext4/ext4.ko',
    ]);
  });

  it('skips modules that are built in (absent from modules.dep)', () => {
    expect(moduleClosure(dep, ['virtio_pci'])).toEqual([]);
  });
});

describe('cpio', () => {
  it('writes newc records the kernel can unpack, ending with the trailer', () => {
    const raw = cpioArchive([
      { kind: 'dir', path: 'bin' },
      { kind: 'file', path: '/init', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
    ]);
    const text = raw.toString('latin1');
    expect(text.startsWith('070701')).toBe(true);
    expect(text).toContain('init\0');
    expect(text).toContain('#!/bin/sh\n');
    expect(text).toContain('TRAILER!!!');
    expect(raw.length % 4).toBe(0);
    const init = text.indexOf('070701', 4);
    expect(parseInt(text.slice(init + 14, init + 22), 16)).toBe(0o100755);
    expect(gunzipSync(gzipCpio([{ kind: 'dir', path: 'x' }])).toString('latin1')).toContain('TRAILER!!!');
  });
});

describe('subidProblem', () => {
  it('is nothing for root and an exact line to add for a user without subordinate ids', () => {
    expect(subidProblem('root', 0)).toBeNull();
    const msg = subidProblem('nobody-berth-test', 12345);
    expect(msg).toContain('"nobody-berth-test:100000:65536"');
    expect(msg).toContain('/etc/subuid');
  });
});
