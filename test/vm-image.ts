// The VM image for tests, built once per machine and reused: building it takes about a minute.
import { copyFileSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildImage, imageIsCurrent } from '@/server/vm/image';
import { vmPaths, type VmPaths } from '@/server/vm/paths';

export function testCacheDir(): string {
  if (process.env.BERTH_TEST_CACHE) return process.env.BERTH_TEST_CACHE;
  return process.getuid?.() === 0 ? '/var/cache/berth-test' : join(homedir(), '.cache', 'berth-test');
}

/** Puts a current VM image into `paths`, from the machine's test cache (built there when missing). */
export async function provideVmImage(paths: VmPaths): Promise<void> {
  const cache = vmPaths(testCacheDir());
  if (!imageIsCurrent(cache)) {
    mkdirSync(cache.vmDir, { recursive: true });
    await buildImage(cache, { log: () => undefined });
  }
  rmSync(paths.imageDir, { recursive: true, force: true });
  mkdirSync(paths.imageDir, { recursive: true });
  for (const file of ['vmlinux', 'initrd.img', 'root.img', 'image.json']) {
    const from = join(cache.imageDir, file);
    const to = join(paths.imageDir, file);
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
}
