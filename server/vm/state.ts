// The running VM's state on disk, shared by Berth, the `berth vm` commands and the VM's supervisor.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { BootTiming } from './boot-phases';
import type { Accel } from './qemu-args';
import type { VmPaths } from './paths';

export interface RunState {
  qemuPid: number;
  supervisorPid?: number;
  dockerPort: number;
  accel: Accel;
  accelReason: string;
  startedAt: string;
  diskFile: string;
  exposeAll: boolean;
  cpus: number;
  memoryMiB: number;
  switchedContext: boolean;
  previousContext?: string;
  stopRequested?: boolean;
  /** How long each phase of this start took (server/vm/boot-phases.ts). */
  boot?: BootTiming;
  /** Resource Saver paused the VM at this time; absent while it runs (server/vm/resource-saver.ts). */
  pausedAt?: string;
}

export interface LastExit {
  at: string;
  expected: boolean;
  message: string;
}

export interface PortState {
  proto: 'tcp' | 'udp';
  hostIp: string;
  hostPort: number;
  containerId: string;
  containerName: string;
  error?: string;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

export const readRunState = (p: VmPaths): RunState | null => readJson<RunState>(p.stateFile);
export const writeRunState = (p: VmPaths, s: RunState): void => writeJson(p.stateFile, s);
export const clearRunState = (p: VmPaths): void => rmSync(p.stateFile, { force: true });

export function updateRunState(p: VmPaths, patch: Partial<RunState>): void {
  const s = readRunState(p);
  if (s) writeRunState(p, { ...s, ...patch });
}

export const readLastExit = (p: VmPaths): LastExit | null => readJson<LastExit>(p.lastExitFile);
export const writeLastExit = (p: VmPaths, e: LastExit): void => writeJson(p.lastExitFile, e);
export const clearLastExit = (p: VmPaths): void => rmSync(p.lastExitFile, { force: true });

export const readPorts = (p: VmPaths): PortState[] => (existsSync(p.portsFile) ? (readJson<PortState[]>(p.portsFile) ?? []) : []);
export const writePorts = (p: VmPaths, ports: PortState[]): void => writeJson(p.portsFile, ports);
export const clearPorts = (p: VmPaths): void => rmSync(p.portsFile, { force: true });
