// The VM as a source of engines: it offers the engine "vm" while the VM runs and its socket is there, and its
// health step replaces a dead supervisor, so the socket and the port forwards come back.
import { existsSync } from 'node:fs';
import type { EndpointSpec } from '../engines/contexts';
import type { EngineOffer, EngineProvider } from '../engines/provider';
import { liveState, spawnSupervisor } from './lifecycle';
import type { VmPaths } from './paths';
import { pidAlive } from './procs';
import type { RunState } from './state';

export const VM_ENGINE_NAME = 'vm';
/** How often a watched VM is looked at: a VM started by `berth vm start`, or one that crashed, shows up this late. */
const HEALTH_INTERVAL_MS = 2_000;

export interface VmEngineOptions {
  paths: VmPaths;
  /** Directory holding bin/berth.mjs, to start a supervisor. */
  root: string;
  env?: NodeJS.ProcessEnv;
  /** True while an operation runs: it owns the VM's processes then, and a missing supervisor is expected. */
  busy: () => boolean;
}

export class VmEngine implements EngineProvider {
  readonly id = 'vm';
  readonly owned = true;
  private up: boolean;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: VmEngineOptions) {
    this.up = this.engineUp(liveState(opts.paths));
  }

  offer(): EngineOffer {
    if (!this.up) return { engines: [] };
    const spec: EndpointSpec = { name: VM_ENGINE_NAME, kind: 'vm', host: `unix://${this.opts.paths.dockerSocket}`, description: 'Berth VM' };
    return { engines: [spec] };
  }

  watch(changed: () => void): () => void {
    this.listeners.add(changed);
    this.timer ??= setInterval(() => this.reconcile(), HEALTH_INTERVAL_MS).unref();
    this.reconcile();
    return () => {
      this.listeners.delete(changed);
      if (this.listeners.size > 0 || !this.timer) return;
      clearInterval(this.timer);
      this.timer = null;
    };
  }

  /** The health step: a VM whose supervisor died gets a new one; then the engine comes or goes with the VM. */
  reconcile(): void {
    const live = liveState(this.opts.paths);
    if (live && !live.stopRequested && !this.opts.busy() && !pidAlive(live.supervisorPid ?? null, 'berth')) {
      try {
        spawnSupervisor(this.opts.paths, this.opts.root, this.opts.env ?? process.env);
      } catch {
        // Out of file descriptors or processes: the next health step tries again.
      }
    }
    const up = this.engineUp(live);
    if (up === this.up) return;
    this.up = up;
    for (const changed of this.listeners) changed();
  }

  private engineUp(live: RunState | null): boolean {
    return live !== null && existsSync(this.opts.paths.dockerSocket);
  }
}
