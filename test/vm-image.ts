// The VM image for tests, built once per machine and reused: building it takes about a minute.
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { GUEST_BOOT, GUEST_INIT, GUEST_SHUTDOWN, INITRD_INIT, INITRD_MODULES } from '@/server/vm/guest-files';
import { buildImage, GUEST_PACKAGES, imageIsCurrent } from '@/server/vm/image';
import { IMAGE_VERSION, vmPaths, type VmPaths } from '@/server/vm/paths';
import { pidAlive, sleep } from '@/server/vm/procs';

export function testCacheDir(): string {
  if (process.env.BERTH_TEST_CACHE) return process.env.BERTH_TEST_CACHE;
  return process.getuid?.() === 0 ? '/var/cache/berth-test' : join(homedir(), '.cache', 'berth-test');
}

/**
 * One cached image per recipe (packages and guest scripts), not per image version: work on two branches that both
 * bump the version must not boot each other's image.
 */
function recipeKey(): string {
  const recipe = JSON.stringify([IMAGE_VERSION, GUEST_PACKAGES, INITRD_MODULES, INITRD_INIT, GUEST_INIT, GUEST_BOOT, GUEST_SHUTDOWN]);
  return `v${IMAGE_VERSION}-${createHash('sha256').update(recipe).digest('hex').slice(0, 12)}`;
}

/** One build per cache at a time: two test runs building the same image would delete each other's staging directory. */
async function withBuildLock(dir: string, build: () => Promise<void>): Promise<void> {
  const lock = join(dir, 'build.lock');
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(lock, 'utf8').trim() || 0);
      } catch {
        continue;
      }
      if (holder && !pidAlive(holder)) rmSync(lock, { force: true });
      else await sleep(2_000);
    }
  }
  try {
    await build();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Puts a current VM image into `paths`, from the machine's test cache (built there when missing). */
export async function provideVmImage(paths: VmPaths): Promise<void> {
  const cache = vmPaths(join(testCacheDir(), 'images', recipeKey()));
  if (!imageIsCurrent(cache)) {
    mkdirSync(cache.vmDir, { recursive: true });
    await withBuildLock(cache.vmDir, async () => {
      if (!imageIsCurrent(cache)) await buildImage(cache, { log: () => undefined });
    });
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
