// Applying new VM settings: refusing what needs the typed confirmation or a free location, moving the disk.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { BerthError } from '../errors';
import { CONFIRM_PHRASE, describeChange, type SettingsChange, type VmSettings } from '../../lib/vm-settings';
import { diskUsage, GIB, sparseCopy } from './disk';
import type { StepContext } from './operations';
import { diskFileOf, type VmPaths } from './paths';
import { saveSettings } from './settings';

export interface ApplyPlan extends SettingsChange {
  current: VmSettings;
  next: VmSettings;
}

/** What applying `next` does; refuses, changing nothing, a shrink without the typed confirmation or a taken location. */
export function planApply(current: VmSettings, next: VmSettings, confirm?: string): ApplyPlan {
  const usage = diskUsage(diskFileOf(current));
  const change = describeChange(current, next, usage?.maxBytes ?? null);
  if (usage && change.shrinking && confirm !== CONFIRM_PHRASE) {
    throw new BerthError(
      'BAD_REQUEST',
      `Making the disk smaller than ${Math.round(usage.maxBytes / GIB)} GiB deletes it and creates a new, empty one: every image, container and volume in the VM is lost. Type "${CONFIRM_PHRASE}" to confirm.`,
    );
  }
  const target = diskFileOf(next);
  if (change.moving && existsSync(target)) {
    throw new BerthError('CONFLICT', `${target} already exists; choose an empty location.`);
  }
  return { current, next, ...change };
}
/** Copies the stopped VM's disk to its new location, verifies it, switches to it, and only then deletes the old file. */
export async function moveDisk(paths: VmPaths, plan: ApplyPlan, ctx: StepContext): Promise<void> {
  const from = diskFileOf(plan.current);
  if (!existsSync(from)) return;
  mkdirSync(plan.next.diskDir, { recursive: true });
  ctx.step(0.25, `Moving the disk image to ${plan.next.diskDir}`);
  try {
    await sparseCopy(from, diskFileOf(plan.next), ({ copiedBytes, totalBytes }) => {
      ctx.step(0.25 + 0.45 * (copiedBytes / totalBytes), `Copying the disk image: ${Math.round((100 * copiedBytes) / totalBytes)}%`);
    });
  } catch (err) {
    ctx.log(`The disk image stays at ${plan.current.diskDir}: ${(err as Error).message}`);
    throw new BerthError('ENGINE_ERROR', `Moving the disk image failed, so it stays at ${plan.current.diskDir}, unchanged: ${(err as Error).message}`);
  }
  saveSettings(paths, { ...plan.current, diskDir: plan.next.diskDir });
  rmSync(from, { force: true });
  ctx.log(`The disk image now lives in ${plan.next.diskDir}; the old file was deleted after the copy was verified.`);
}
