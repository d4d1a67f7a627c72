// The VM's status as Berth shows it, read from its files and processes; reading it changes nothing.
import { existsSync } from 'node:fs';
import type { HostLimits, VmSettings } from '../../lib/vm-settings';
import { CONTEXT_NAME, currentContext } from './cli-context';
import { diskUsage } from './disk';
import type { BootTiming } from './boot-phases';
import { VM_ENGINE_NAME } from './engine';
import { DEFAULT_SAVER_MINUTES } from './resource-saver';
import { imageIsCurrent, readImageStamp, type ImageStamp } from './image';
import { liveState } from './lifecycle';
import type { VmOperation } from './operations';
import { diskFileOf, IMAGE_VERSION, type VmPaths } from './paths';
import { pidAlive } from './procs';
import { hostLimits, loadSettings } from './settings';
import { readLastExit, readPorts, readRunState, type LastExit, type PortState } from './state';

export type VmState = 'not-built' | 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export interface VmStatusView {
  state: VmState;
  message?: string;
  accel?: string;
  accelReason?: string;
  startedAt?: string;
  cpus?: number;
  memoryMiB?: number;
  image: { built: boolean; current: boolean; stamp: ImageStamp | null; expectedVersion: number };
  settings: VmSettings;
  limits: HostLimits;
  disk: { file: string; maxBytes: number; allocatedBytes: number } | null;
  socket: string;
  /** The name of the VM's engine among Berth's engines while it runs. */
  engine: string;
  context: { name: string; current: boolean };
  ports: PortState[];
  operation: VmOperation | null;
  lastExit: LastExit | null;
  /** How long each phase of the running VM's start took. */
  boot: BootTiming | null;
  /** Docker Desktop's Resource Saver: whether it is on, after how long, and whether it has the VM paused now. */
  resourceSaver: { enabled: boolean; minutes: number; paused: boolean; pausedAt?: string };
}

export function readVmStatus(paths: VmPaths, operation: VmOperation | null, env?: NodeJS.ProcessEnv): VmStatusView {
  const live = liveState(paths);
  const settings = loadSettings(paths);
  const stamp = readImageStamp(paths);
  const lastExit = readLastExit(paths);
  const busy = operation && !operation.finishedAt ? operation.kind : null;
  let state: VmState;
  if (busy === 'start' || busy === 'restart' || (busy === 'apply' && !live)) state = 'starting';
  else if (busy === 'stop') state = 'stopping';
  // A stop was asked for (perhaps by a Berth killed since): the guest is shutting down, whatever the socket says.
  else if (live?.stopRequested) state = 'stopping';
  else if (live) state = existsSync(paths.dockerSocket) ? 'running' : 'starting';
  // QEMU is gone but its supervisor is still closing the engine socket and the CLI context: not stopped yet.
  else if (pidAlive(readRunState(paths)?.supervisorPid ?? null, 'berth')) state = 'stopping';
  else if (lastExit && !lastExit.expected) state = 'error';
  else state = stamp ? 'stopped' : 'not-built';
  const file = live?.diskFile ?? diskFileOf(settings);
  const usage = diskUsage(file);
  return {
    state,
    message: state === 'error' ? lastExit?.message : undefined,
    accel: live?.accel,
    accelReason: live?.accelReason,
    startedAt: live?.startedAt,
    cpus: live?.cpus,
    memoryMiB: live?.memoryMiB,
    image: { built: stamp !== null, current: imageIsCurrent(paths), stamp, expectedVersion: IMAGE_VERSION },
    settings,
    limits: hostLimits(),
    disk: usage ? { file, ...usage } : null,
    socket: paths.dockerSocket,
    engine: VM_ENGINE_NAME,
    context: { name: CONTEXT_NAME, current: currentContext(env) === CONTEXT_NAME },
    ports: live ? readPorts(paths) : [],
    operation,
    lastExit,
    boot: live?.boot ?? null,
    resourceSaver: {
      enabled: settings.resourceSaver !== false,
      minutes: settings.resourceSaverMinutes ?? DEFAULT_SAVER_MINUTES,
      paused: Boolean(live?.pausedAt),
      pausedAt: live?.pausedAt,
    },
  };
}
