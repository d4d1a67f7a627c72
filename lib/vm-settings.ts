// What the server and the browser share about the VM's settings: the schema (a sentence for each refusal), the
// typed confirmation and what a change does. It imports only zod, so both sides may load it.
import { z } from 'zod';

const GIB = 1024 ** 3;

/** What a user types to confirm an action that deletes the VM's data disk. */
export const CONFIRM_PHRASE = 'delete my data';

export interface HostLimits {
  cpus: number;
  memoryMiB: number;
}

/** Memory Berth leaves to the host whatever the user asks for. */
export const HOST_MEMORY_RESERVE_MIB = 1024;
export const MIN_MEMORY_MIB = 512;
export const MIN_DISK_GIB = 4;
export const MAX_DISK_GIB = 4096;

const absolutePath = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty.`)
    .max(1024, `${what} is too long.`)
    .refine((p) => p.startsWith('/'), `${what} must be an absolute path, such as /home/me.`)
    .refine((p) => !/[\n\t\0]/.test(p), `${what} must not contain tabs or line breaks.`)
    .transform((p) => (p.length > 1 ? p.replace(/\/+$/, '') : p));

export function settingsSchema(limits: HostLimits) {
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
      /** Docker Desktop's Resource Saver: on unless false, after resourceSaverMinutes (5 unless set). */
      resourceSaver: z.boolean().optional(),
      resourceSaverMinutes: z
        .number({ error: 'The Resource Saver timeout must be a number.' })
        .int('The Resource Saver timeout must be a whole number of minutes.')
        .min(1, 'Resource Saver waits at least 1 minute.')
        .max(1440, 'Resource Saver waits at most 1440 minutes (a day).')
        .optional(),
    })
    .refine((s) => new Set(s.shares).size === s.shares.length, { message: 'A directory is listed twice in the shared directories.', path: ['shares'] })
    .refine((s) => !s.shares.some((p) => p === '/' || /^\/(proc|sys|dev|run|var\/lib\/docker)(\/|$)/.test(p)), {
      message: 'The root directory and system directories (/proc, /sys, /dev, /run, /var/lib/docker) cannot be shared.',
      path: ['shares'],
    });
}

export type VmSettings = z.infer<ReturnType<typeof settingsSchema>>;

/** Settings QEMU or the guest read only at boot; a new disk location also stops the VM to move the file. */
export const RESTART_FIELDS = ['cpus', 'memoryMiB', 'swapMiB', 'diskMaxGiB', 'diskDir', 'shares', 'exposeAllInterfaces'] as const satisfies readonly (keyof VmSettings)[];

export interface SettingsChange {
  /** The disk gets smaller: it is deleted and created empty, so the typed confirmation is needed. */
  shrinking: boolean;
  moving: boolean;
  /** A running VM restarts to take the change. */
  needsRestart: boolean;
}

/** What applying `next` over `current` does, for a data disk of `diskMaxBytes` now (null: not created yet). */
export function describeChange(current: VmSettings, next: VmSettings, diskMaxBytes: number | null): SettingsChange {
  const shrinking = diskMaxBytes !== null && next.diskMaxGiB * GIB < diskMaxBytes;
  const moving = next.diskDir !== current.diskDir;
  const needsRestart = shrinking || RESTART_FIELDS.some((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  return { shrinking, moving, needsRestart };
}
