// The VM's resource settings as stored under BERTH_HOME, with this machine's limits and the defaults.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, homedir, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { VmPaths } from './paths';
import { HOST_MEMORY_RESERVE_MIB, MIN_MEMORY_MIB, settingsSchema, type HostLimits, type VmSettings } from '../../lib/vm-settings';

export function hostLimits(): HostLimits {
  return { cpus: cpus().length, memoryMiB: Math.max(MIN_MEMORY_MIB, Math.floor(totalmem() / 1048576) - HOST_MEMORY_RESERVE_MIB) };
}

export function defaultSettings(paths: VmPaths, limits: HostLimits = hostLimits()): VmSettings {
  return {
    // Half the host's cores, and two where it has two: dockerd and containerd start side by side, which under TCG
    // took about 2 s off a cold start; idle vCPUs cost the host nothing.
    cpus: Math.max(1, Math.min(limits.cpus, Math.max(2, Math.floor(limits.cpus / 2)))),
    memoryMiB: Math.min(limits.memoryMiB, 2048),
    swapMiB: 1024,
    diskMaxGiB: 64,
    diskDir: paths.defaultDiskDir,
    shares: [homedir()],
    exposeAllInterfaces: false,
    switchContext: true,
    // Docker Desktop's defaults: Resource Saver on, after 5 minutes.
    resourceSaver: true,
    resourceSaverMinutes: 5,
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
    const parsed = settingsSchema(limits).safeParse(raw);
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
