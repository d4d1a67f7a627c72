// The VM's resource settings: validated with a sentence for each refusal, stored under BERTH_HOME.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, homedir, totalmem } from 'node:os';
import { dirname, isAbsolute } from 'node:path';
import { z } from 'zod';
import type { VmPaths } from './paths';

/** Memory Berth leaves to the host whatever the user asks for. */
export const HOST_MEMORY_RESERVE_MIB = 1024;
export const MIN_MEMORY_MIB = 512;
export const MIN_DISK_GIB = 4;
export const MAX_DISK_GIB = 4096;

export interface HostLimits {
  cpus: number;
  memoryMiB: number;
}

export function hostLimits(): HostLimits {
  return { cpus: cpus().length, memoryMiB: Math.max(MIN_MEMORY_MIB, Math.floor(totalmem() / 1048576) - HOST_MEMORY_RESERVE_MIB) };
}

const absolutePath = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty.`)
    .max(1024, `${what} is too long.`)
    .refine((p) => isAbsolute(p), `${what} must be an absolute path, such as /home/me.`)
    .refine((p) => !/[\n\t\0]/.test(p), `${what} must not contain tabs or line breaks.`)
    .transform((p) => (p.length > 1 ? p.replace(/\/+$/, '') : p));

export function settingsSchema(limits: HostLimits = hostLimits()) {
  return z
    .object({
      cpus: z
        .number({ error: 'CPUs must be a number.' })
        .int('CPUs must be a whole number.')
        .min(1, 'The VM needs at least 1 CPU.')
        .max(limits.cpus, `This machine has ${limits.cpus} CPUs; the VM can have at most ${limits.cpus}.`),
      memoryMiB: z
        .number({ error: 'Memory must be a number.' })
        .int('Memory must be a whole number of MiB.')
        .min(MIN_MEMORY_MIB, `The VM needs at least ${MIN_MEMORY_MIB} MiB of memory.`)
        .max(limits.memoryMiB, `The VM can have at most ${limits.memoryMiB} MiB: Berth leaves ${HOST_MEMORY_RESERVE_MIB} MiB to this machine.`),
      swapMiB: z
        .number({ error: 'Swap must be a number.' })
        .int('Swap must be a whole number of MiB.')
        .min(0, 'Swap cannot be negative.')
        .max(16384, 'Swap can be at most 16384 MiB.'),
      diskMaxGiB: z
        .number({ error: 'The disk size must be a number.' })
        .int('The disk size must be a whole number of GiB.')
        .min(MIN_DISK_GIB, `The disk must be at least ${MIN_DISK_GIB} GiB.`)
        .max(MAX_DISK_GIB, `The disk can be at most ${MAX_DISK_GIB} GiB.`),
      diskDir: absolutePath('The disk image location'),
      shares: z.array(absolutePath('A shared directory')).max(16, 'At most 16 directories can be shared.'),
      exposeAllInterfaces: z.boolean(),
      switchContext: z.boolean(),
    })
    .refine((s) => new Set(s.shares).size === s.shares.length, { message: 'A directory is listed twice in the shared directories.', path: ['shares'] })
    .refine((s) => !s.shares.some((p) => p === '/' || /^\/(proc|sys|dev|run|var\/lib\/docker)(\/|$)/.test(p)), {
      message: 'The root directory and system directories (/proc, /sys, /dev, /run, /var/lib/docker) cannot be shared.',
      path: ['shares'],
    });
}

export type VmSettings = z.infer<ReturnType<typeof settingsSchema>>;

export function defaultSettings(paths: VmPaths, limits: HostLimits = hostLimits()): VmSettings {
  return {
    cpus: Math.min(limits.cpus, Math.max(1, Math.floor(limits.cpus / 2)) || 1) || 1,
    memoryMiB: Math.min(limits.memoryMiB, 2048),
    swapMiB: 1024,
    diskMaxGiB: 64,
    diskDir: paths.defaultDiskDir,
    shares: [homedir()],
    exposeAllInterfaces: false,
    switchContext: true,
  };
}

/** The stored settings, or the defaults; a file that no longer validates (fewer CPUs now) is clamped. */
export function loadSettings(paths: VmPaths): VmSettings {
  const defaults = defaultSettings(paths);
  if (!existsSync(paths.settingsFile)) return defaults;
  try {
    const raw = { ...defaults, ...(JSON.parse(readFileSync(paths.settingsFile, 'utf8')) as Partial<VmSettings>) };
    const limits = hostLimits();
    raw.cpus = Math.min(raw.cpus, limits.cpus);
    raw.memoryMiB = Math.min(raw.memoryMiB, limits.memoryMiB);
    const parsed = settingsSchema().safeParse(raw);
    return parsed.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

export function saveSettings(paths: VmPaths, settings: VmSettings): void {
  mkdirSync(dirname(paths.settingsFile), { recursive: true });
  const tmp = `${paths.settingsFile}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, paths.settingsFile);
}
