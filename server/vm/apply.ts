// Applying new VM settings: what changes, whether it needs a restart or the typed confirmation, moving the disk.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../errors';
import { diskUsage, GIB, sparseCopy } from './disk';
import { diskFileOf, type StepContext } from './lifecycle';
import { DISK_FILE_NAME, type VmPaths } from './paths';
import { saveSettings, type VmSettings } from './settings';
import { CONFIRM_PHRASE } from './settings-schema';

/** Settings QEMU or the guest read only at boot. */
const RESTART_FIELDS: Array<keyof VmSettings> = ['cpus', 'memoryMiB', 'swapMiB', 'diskMaxGiB', 'shares', 'exposeAllInterfaces'];

export interface ApplyPlan {
  current: VmSettings;
  next: VmSettings;
  shrinking: boolean;
  moving: boolean;
  needsRestart: boolean;
}

/** What applying `next` does; refuses, changing nothing, a shrink without the typed confirmation or a taken location. */
export function planApply(current: VmSettings, next: VmSettings, confirm?: string): ApplyPlan {
  const usage = diskUsage(diskFileOf(current));
  const shrinking = usage !== null && next.diskMaxGiB * GIB < usage.maxBytes;
  if (shrinking && confirm !== CONFIRM_PHRASE) {
    throw new EngineError(
      'BAD_REQUEST',
      `Making the disk smaller than ${Math.round(usage.maxBytes / GIB)} GiB deletes it and creates a new, empty one: every image, container and volume in the VM is lost. Type "${CONFIRM_PHRASE}" to confirm.`,
    );
  }
  const moving = next.diskDir !== current.diskDir;
  if (moving && existsSync(join(next.diskDir, DISK_FILE_NAME))) {
    throw new EngineError('CONFLICT', `${join(next.diskDir, DISK_FILE_NAME)} already exists; choose an empty location.`);
  }
  const needsRestart = moving || shrinking || RESTART_FIELDS.some((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  return { current, next, shrinking, moving, needsRestart };
}

/** Copies the stopped VM's disk to its new location, verifies it, switches to it, and only then deletes the old file. */
export async function moveDisk(paths: VmPaths, plan: ApplyPlan, ctx: StepContext): Promise<void> {
  const from = diskFileOf(plan.current);
  if (!existsSync(from)) return;
  mkdirSync(plan.next.diskDir, { recursive: true });
  ctx.step(0.25, `Moving the disk image to ${plan.next.diskDir}`);
  try {
    await sparseCopy(from, join(plan.next.diskDir, DISK_FILE_NAME), ({ copiedBytes, totalBytes }) => {
      ctx.step(0.25 + 0.45 * (copiedBytes / totalBytes), `Copying the disk image: ${Math.round((100 * copiedBytes) / totalBytes)}%`);
    });
  } catch (err) {
    ctx.log(`The disk image stays at ${plan.current.diskDir}: ${(err as Error).message}`);
    throw new EngineError('ENGINE_ERROR', `Moving the disk image failed, so it stays at ${plan.current.diskDir}, unchanged: ${(err as Error).message}`);
  }
  saveSettings(paths, { ...plan.current, diskDir: plan.next.diskDir });
  rmSync(from, { force: true });
  ctx.log(`The disk image now lives in ${plan.next.diskDir}; the old file was deleted after the copy was verified.`);
}
