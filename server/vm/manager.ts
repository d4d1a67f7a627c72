// VmManager: the VM as Berth sees it — status, one operation at a time with progress, and the engine "vm".
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatBinary as formatBytes } from '../../lib/binary-units';
import { EngineError } from '../errors';
import type { EngineRegistry } from '../engines/registry';
import { CONTEXT_NAME, currentContext } from './cli-context';
import { diskUsage } from './disk';
import { buildImage, imageIsCurrent, readImageStamp, type ImageStamp } from './image';
import { moveDisk, planApply } from './apply';
import { bootVm, cleanupRunFiles, diskFileOf, haltVm, liveState, reclaimSpace, spawnSupervisor, type StepContext } from './lifecycle';
import { pidAlive, tailBytes } from './procs';
import { IMAGE_VERSION, vmPaths, type VmPaths } from './paths';
import { readLastExit, clearLastExit, readPorts, readRunState, type LastExit, type PortState, type RunState } from './state';
import { hostLimits, loadSettings, saveSettings, settingsSchema, type HostLimits, type VmSettings } from './settings';
import { CONFIRM_PHRASE } from './settings-schema';

export type VmOperationKind = 'build' | 'start' | 'stop' | 'restart' | 'apply' | 'move' | 'reclaim' | 'reset' | 'rebuild';

export interface VmOperation {
  id: number;
  kind: VmOperationKind;
  step: string;
  progress: number;
  startedAt: string;
  finishedAt?: string;
  error?: string;
  result?: string;
  log: string[];
}

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
  context: { name: string; current: boolean };
  ports: PortState[];
  operation: VmOperation | null;
  lastExit: LastExit | null;
}

export interface VmManagerOptions {
  home: string;
  root: string;
  registry?: EngineRegistry;
  env?: NodeJS.ProcessEnv;
}

export class VmManager {
  readonly paths: VmPaths;
  private op: VmOperation | null = null;
  private opPromise: Promise<void> | null = null;
  private nextId = 1;
  private unregister: (() => void) | null = null;

  constructor(private readonly opts: VmManagerOptions) {
    this.paths = vmPaths(opts.home);
    mkdirSync(this.paths.vmDir, { recursive: true, mode: 0o700 });
    this.syncEngine();
  }

  settings(): VmSettings {
    return loadSettings(this.paths);
  }

  running(): boolean {
    return liveState(this.paths) !== null;
  }

  /** Registers the engine "vm" while the VM runs (also when `berth vm start` started it) and removes it after. */
  syncEngine(): void {
    const live = this.running() && existsSync(this.paths.dockerSocket);
    if (live && !this.unregister && this.opts.registry) {
      this.unregister = this.opts.registry.register({ name: 'vm', kind: 'vm', host: `unix://${this.paths.dockerSocket}`, description: 'Berth VM' });
    } else if (!live && this.unregister) {
      this.unregister();
      this.unregister = null;
    }
  }

  status(): VmStatusView {
    this.syncEngine();
    const live = liveState(this.paths);
    this.reviveSupervisor(live);
    const settings = this.settings();
    const stamp = readImageStamp(this.paths);
    const lastExit = readLastExit(this.paths);
    const busy = this.op && !this.op.finishedAt ? this.op.kind : null;
    let state: VmState;
    if (busy === 'start' || busy === 'restart' || (busy === 'apply' && !live)) state = 'starting';
    else if (busy === 'stop') state = 'stopping';
    else if (live) state = existsSync(this.paths.dockerSocket) ? 'running' : 'starting';
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
      image: { built: stamp !== null, current: imageIsCurrent(this.paths), stamp, expectedVersion: IMAGE_VERSION },
      settings,
      limits: hostLimits(),
      disk: usage ? { file, ...usage } : null,
      socket: this.paths.dockerSocket,
      context: { name: CONTEXT_NAME, current: currentContext(this.opts.env) === CONTEXT_NAME },
      ports: live ? readPorts(this.paths) : [],
      operation: this.op,
      lastExit,
    };
  }

  /** A VM whose supervisor died (killed, out of memory) gets a new one: its socket and ports come back. */
  private reviveSupervisor(live: RunState | null): void {
    if (!live || (this.op && !this.op.finishedAt) || live.stopRequested) return;
    if (pidAlive(live.supervisorPid ?? null, 'berth')) return;
    spawnSupervisor(this.paths, this.opts.root, this.opts.env ?? process.env);
  }

  /** Runs one operation in the background; a second one while it runs is refused with a sentence. */
  begin(kind: VmOperationKind, work: (ctx: StepContext) => Promise<string | void>): { id: number; done: Promise<void> } {
    if (this.op && !this.op.finishedAt) {
      throw new EngineError('CONFLICT', `The VM is busy: "${this.op.kind}" is still running (${this.op.step}). Wait for it to finish.`);
    }
    const op: VmOperation = { id: this.nextId++, kind, step: 'Starting', progress: 0, startedAt: new Date().toISOString(), log: [] };
    this.op = op;
    const ctx: StepContext = {
      log: (line) => {
        op.log.push(line);
        if (op.log.length > 500) op.log.splice(0, op.log.length - 500);
      },
      step: (progress, step) => {
        op.progress = Math.max(op.progress, Math.min(1, progress));
        op.step = step;
        op.log.push(`== ${step}`);
      },
    };
    const done = (async () => {
      try {
        const result = await work(ctx);
        if (result) op.result = result;
        op.progress = 1;
      } catch (err) {
        op.error = (err as Error).message;
        ctx.log(`failed: ${op.error}`);
      } finally {
        op.finishedAt = new Date().toISOString();
        this.syncEngine();
      }
    })();
    this.opPromise = done;
    return { id: op.id, done };
  }

  /** Resolves when the current operation ends; rejects with its sentence when it failed. */
  async wait(): Promise<VmOperation | null> {
    await this.opPromise;
    if (this.op?.error) throw new EngineError('ENGINE_ERROR', this.op.error);
    return this.op;
  }

  private async ensureImage(ctx: StepContext, force = false): Promise<void> {
    if (!force && imageIsCurrent(this.paths)) return;
    const why = readImageStamp(this.paths) ? 'Rebuilding the VM image for this version of Berth' : 'Building the VM image (first start only)';
    ctx.step(0.01, why);
    await buildImage(this.paths, {
      log: ctx.log,
      progress: (f, step) => ctx.step(force ? f * 0.95 : f * 0.18, step),
    });
  }

  private async doStart(ctx: StepContext): Promise<void> {
    if (this.running()) return;
    clearLastExit(this.paths);
    await this.ensureImage(ctx);
    await bootVm({ paths: this.paths, settings: this.settings(), root: this.opts.root, env: this.opts.env }, ctx);
  }

  private async doStop(ctx: StepContext): Promise<void> {
    await haltVm(this.paths, ctx, this.opts.env);
    clearLastExit(this.paths);
    this.syncEngine();
  }

  start(): { id: number; done: Promise<void> } {
    return this.begin('start', (ctx) => this.doStart(ctx));
  }

  stop(): { id: number; done: Promise<void> } {
    return this.begin('stop', async (ctx) => {
      if (!this.running() && !readRunState(this.paths)) {
        cleanupRunFiles(this.paths);
        clearLastExit(this.paths);
        return 'The VM was not running.';
      }
      await this.doStop(ctx);
    });
  }

  restart(): { id: number; done: Promise<void> } {
    return this.begin('restart', async (ctx) => {
      await this.doStop({ ...ctx, step: (p, s) => ctx.step(p * 0.3, s) });
      await this.doStart(ctx);
    });
  }

  build(): { id: number; done: Promise<void> } {
    return this.begin('build', (ctx) => this.ensureImage(ctx, true));
  }

  /** "Rebuild VM image": stops the VM, rebuilds the root, keeps the data disk, starts again if it ran. */
  rebuild(): { id: number; done: Promise<void> } {
    return this.begin('rebuild', async (ctx) => {
      const wasRunning = this.running();
      if (wasRunning) await this.doStop(ctx);
      await this.ensureImage(ctx, true);
      if (wasRunning) await this.doStart(ctx);
    });
  }

  /**
   * Validates and stores new settings, then restarts the VM when it runs and a setting needs it.
   * A smaller disk recreates it, so it needs the typed confirmation; a new location moves the file.
   */
  apply(input: unknown, confirm?: string): { id: number; done: Promise<void> } {
    const plan = planApply(this.settings(), settingsSchema(hostLimits()).parse(input), confirm);
    return this.begin('apply', async (ctx) => {
      const wasRunning = this.running();
      const restart = wasRunning && plan.needsRestart;
      const startAgain = () => this.doStart({ ...ctx, step: (p, s) => ctx.step(0.7 + p * 0.3, s) });
      if (restart) await this.doStop({ ...ctx, step: (p, s) => ctx.step(p * 0.2, s) });
      if (plan.moving) {
        try {
          await moveDisk(this.paths, plan, ctx);
        } catch (err) {
          // The old disk was never touched: keep using it, as before.
          if (restart) await startAgain();
          throw err;
        }
      }
      if (plan.shrinking) {
        ctx.step(0.7, 'Deleting the old disk; a new one is created at start');
        rmSync(diskFileOf(plan.next), { force: true });
      }
      saveSettings(this.paths, plan.next);
      if (restart) await startAgain();
      return restart ? 'Applied; the VM restarted with the new settings.' : 'Applied.';
    });
  }

  reclaim(): { id: number; done: Promise<void> } {
    const live = liveState(this.paths);
    if (!live) throw new EngineError('CONFLICT', 'Start the VM first: reclaiming space runs inside it.');
    return this.begin('reclaim', async (ctx) => {
      ctx.step(0.2, 'Trimming the data disk in the VM');
      const r = await reclaimSpace(this.paths, live.diskFile);
      const freed = Math.max(0, r.beforeBytes - r.afterBytes);
      return `Reclaimed ${formatBytes(freed)}: the disk image holds ${formatBytes(r.afterBytes)} on this machine (was ${formatBytes(r.beforeBytes)}).`;
    });
  }

  /** "Reset to factory defaults": stops the VM, deletes the data disk and the settings. */
  reset(confirm: string): { id: number; done: Promise<void> } {
    if (confirm !== CONFIRM_PHRASE) {
      throw new EngineError('BAD_REQUEST', `Resetting deletes every image, container and volume in the VM. Type "${CONFIRM_PHRASE}" to confirm.`);
    }
    return this.begin('reset', async (ctx) => {
      if (this.running()) await this.doStop(ctx);
      rmSync(diskFileOf(this.settings()), { force: true });
      rmSync(this.paths.settingsFile, { force: true });
      clearLastExit(this.paths);
      return 'The VM was reset: its data disk and settings are gone; the next start creates them afresh.';
    });
  }

  /** The newest part of a VM log: the serial console, dockerd's output, QEMU's messages, or the image build. */
  logs(kind: 'console' | 'dockerd' | 'qemu' | 'supervisor', maxBytes = 256 * 1024): { text: string; size: number; exists: boolean } {
    const file = { console: this.paths.serialLog, dockerd: join(this.paths.vmDir, 'dockerd.log'), qemu: this.paths.qemuLog, supervisor: this.paths.supervisorLog }[kind];
    return tailBytes(file, maxBytes);
  }

  /** Stops following the VM; the VM itself keeps running (its supervisor owns it). */
  detach(): void {
    this.unregister?.();
    this.unregister = null;
  }
}

export { formatBytes };
export { vmPaths };
