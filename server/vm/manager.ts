// VmManager: what Berth can do with its VM (start, stop, apply settings, reclaim, reset, logs), one operation at a
// time, and its engine "vm" among Berth's engines.
import { mkdirSync, rmSync } from 'node:fs';
import { formatBinaryBytes } from '../../lib/binary-units';
import { checkDaemonConfig, normalizeDaemonJson } from '../../lib/daemon-config';
import { CONFIRM_PHRASE, settingsSchema, type VmSettings } from '../../lib/vm-settings';
import { BerthError } from '../errors';
import type { EngineRegistry } from '../engines/registry';
import { moveDisk, planApply } from './apply';
import { VmEngine } from './engine';
import { applyEngineConfig, readEngineConfig, type EngineConfigView } from './engine-config';
import { buildImage, imageIsCurrent, readImageStamp } from './image';
import { bootVm, cleanupRunFiles, haltVm, liveState, reclaimSpace } from './lifecycle';
import { VmNetwork } from './network';
import { OperationRunner, type StartedOperation, type StepContext, type VmOperation } from './operations';
import { diskFileOf, vmPaths, type VmPaths } from './paths';
import { tailBytes } from './procs';
import { hostLimits, loadSettings, saveSettings } from './settings';
import { clearLastExit, readRunState } from './state';
import { readVmStatus, type VmStatusView } from './status';

export type VmLogKind = 'console' | 'dockerd' | 'qemu' | 'supervisor';

export interface VmManagerOptions {
  home: string;
  root: string;
  /** Where the VM's engine is offered while it runs; without one (the `berth vm` commands) nothing is watched. */
  registry?: EngineRegistry;
  env?: NodeJS.ProcessEnv;
  /** Where "Allow the default Docker socket to be used" links; /var/run/docker.sock unless a test gives its own. */
  defaultSocket?: string;
}

export class VmManager {
  readonly paths: VmPaths;
  /** Proxies, host access and the default socket link (Settings → VM → Network). */
  readonly network: VmNetwork;
  private readonly runner: OperationRunner;
  private readonly engine: VmEngine;
  private removeEngine: (() => void) | null = null;

  constructor(private readonly opts: VmManagerOptions) {
    this.paths = vmPaths(opts.home);
    mkdirSync(this.paths.vmDir, { recursive: true, mode: 0o700 });
    this.runner = new OperationRunner(() => this.reconcile());
    this.engine = new VmEngine({ paths: this.paths, root: opts.root, env: opts.env, busy: () => this.runner.busy() !== null });
    if (opts.registry) this.removeEngine = opts.registry.add(this.engine);
    this.network = new VmNetwork({
      paths: this.paths,
      env: opts.env ?? process.env,
      defaultSocket: opts.defaultSocket,
      running: () => this.running(),
      begin: (kind, work) => this.runner.begin(kind, work),
    });
  }

  settings(): VmSettings {
    return loadSettings(this.paths);
  }

  running(): boolean {
    return liveState(this.paths) !== null;
  }

  status(): VmStatusView {
    return readVmStatus(this.paths, this.runner.current(), this.opts.env);
  }

  /** Replaces a dead supervisor and brings the engine "vm" in line with the VM; runs by itself while a registry watches. */
  reconcile(): void {
    this.engine.reconcile();
  }

  /** Resolves when the current operation ends; rejects with its sentence when it failed. */
  wait(): Promise<VmOperation | null> {
    return this.runner.wait();
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
    this.network.afterStart(ctx);
  }

  private async doStop(ctx: StepContext): Promise<void> {
    await haltVm(this.paths, ctx, this.opts.env);
    clearLastExit(this.paths);
    this.reconcile();
  }

  start(): StartedOperation {
    return this.runner.begin('start', (ctx) => this.doStart(ctx));
  }

  stop(): StartedOperation {
    return this.runner.begin('stop', async (ctx) => {
      if (!this.running() && !readRunState(this.paths)) {
        cleanupRunFiles(this.paths);
        clearLastExit(this.paths);
        return 'The VM was not running.';
      }
      await this.doStop(ctx);
    });
  }

  restart(): StartedOperation {
    return this.runner.begin('restart', async (ctx) => {
      await this.doStop({ ...ctx, step: (p, s) => ctx.step(p * 0.3, s) });
      await this.doStart(ctx);
    });
  }

  build(): StartedOperation {
    return this.runner.begin('build', (ctx) => this.ensureImage(ctx, true));
  }

  /** "Rebuild VM image": stops the VM, rebuilds the root, keeps the data disk, starts again if it ran. */
  rebuild(): StartedOperation {
    return this.runner.begin('rebuild', async (ctx) => {
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
  apply(input: unknown, confirm?: string): StartedOperation {
    const plan = planApply(this.settings(), settingsSchema(hostLimits()).parse(input), confirm);
    return this.runner.begin('apply', async (ctx) => {
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

  /** The VM's daemon.json (Settings → Docker Engine): from its data disk while it runs, else Berth's last copy. */
  engineConfig(): Promise<EngineConfigView> {
    return readEngineConfig(this.paths, { running: this.running(), busy: this.runner.busy() !== null });
  }

  /** Checks daemon.json, refusing it before anything restarts, then writes it and restarts dockerd alone with it. */
  applyEngineConfig(text: string): StartedOperation {
    const check = checkDaemonConfig(text);
    if (!check.ok) {
      const [first, ...rest] = check.problems;
      const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
      throw new BerthError('BAD_REQUEST', `daemon.json was not applied: ${first!.message}${more}`, { fields: { text: check.problems.map((p) => p.message) } });
    }
    if (!this.running()) throw new BerthError('CONFLICT', 'Start the VM first: daemon.json lives on its data disk and Docker Engine restarts inside it.');
    return this.runner.begin('engine', (ctx) => applyEngineConfig(this.paths, normalizeDaemonJson(text), ctx));
  }

  reclaim(): StartedOperation {
    const live = liveState(this.paths);
    if (!live) throw new BerthError('CONFLICT', 'Start the VM first: reclaiming space runs inside it.');
    return this.runner.begin('reclaim', async (ctx) => {
      ctx.step(0.2, 'Trimming the data disk in the VM');
      const r = await reclaimSpace(this.paths, live.diskFile);
      const freed = Math.max(0, r.beforeBytes - r.afterBytes);
      return `Reclaimed ${formatBinaryBytes(freed)}: the disk image holds ${formatBinaryBytes(r.afterBytes)} on this machine (was ${formatBinaryBytes(r.beforeBytes)}).`;
    });
  }

  /** "Reset to factory defaults": stops the VM, deletes the data disk and the settings. */
  reset(confirm: string): StartedOperation {
    if (confirm !== CONFIRM_PHRASE) {
      throw new BerthError('BAD_REQUEST', `Resetting deletes every image, container and volume in the VM. Type "${CONFIRM_PHRASE}" to confirm.`);
    }
    return this.runner.begin('reset', async (ctx) => {
      if (this.running()) await this.doStop(ctx);
      rmSync(diskFileOf(this.settings()), { force: true });
      rmSync(this.paths.settingsFile, { force: true });
      clearLastExit(this.paths);
      return 'The VM was reset: its data disk and settings are gone; the next start creates them afresh.';
    });
  }

  /** The newest part of a VM log: the serial console, dockerd's output, QEMU's messages, or the image build. */
  logs(kind: VmLogKind, maxBytes = 256 * 1024): { text: string; size: number; exists: boolean } {
    const file = { console: this.paths.serialLog, dockerd: this.paths.dockerdLog, qemu: this.paths.qemuLog, supervisor: this.paths.supervisorLog }[kind];
    return tailBytes(file, maxBytes);
  }

  /** Stops following the VM; the VM itself keeps running (its supervisor owns it). */
  detach(): void {
    this.removeEngine?.();
    this.removeEngine = null;
  }
}
