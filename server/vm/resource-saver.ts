// Resource Saver, as in Docker Desktop: after some minutes with no container running and no call on the engine,
// the supervisor pauses the VM; the next call wakes it, and the guest clock is set right again.
//
// Paused, not stopped: `stop` over QMP freezes the vCPUs in a few milliseconds and `cont` resumes them as fast, so
// a call that wakes the VM waits well under a second (see the README's figures). Stopping would give the VM's memory
// back to the host too, but waking would then be a cold start: seconds under KVM, ten or more under software
// emulation, and the containers' state in memory would be gone. A paused VM uses no CPU on the host.
import type Docker from 'dockerode';
import type { CachedAnswer, ProxyHooks } from './engine-proxy';
import type { VmPaths } from './paths';
import { guestAgent, type Qmp } from './qmp';
import { loadSettings } from './settings';
import { readRunState, updateRunState } from './state';

/** Docker Desktop's default: on, after 5 minutes. */
export const DEFAULT_SAVER_MINUTES = 5;
const CHECK_MS = 1_000;

/** The idle time after which the VM is paused, or null when Resource Saver is off; BERTH_RESOURCE_SAVER_SECONDS (tests, benchmarks) wins. */
export function idleLimitMs(paths: VmPaths, env: NodeJS.ProcessEnv = process.env): number | null {
  const seconds = Number(env.BERTH_RESOURCE_SAVER_SECONDS);
  if (env.BERTH_RESOURCE_SAVER_SECONDS && Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  const s = loadSettings(paths) as { resourceSaver?: boolean; resourceSaverMinutes?: number };
  if (s.resourceSaver === false) return null;
  return (s.resourceSaverMinutes ?? DEFAULT_SAVER_MINUTES) * 60_000;
}

type SaverState = 'awake' | 'pausing' | 'paused' | 'waking';

export interface SaverOptions {
  qmp: Qmp;
  paths: VmPaths;
  /** The supervisor's own client, straight to dockerd: its calls are never a user's. */
  docker: Docker;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** Sets the guest's clock to the host's; the agent then tries to write the RTC, which this guest has no tool for. */
export async function setGuestTime(qgaSocket: string): Promise<void> {
  try {
    await guestAgent(qgaSocket, 'guest-set-time', { time: Date.now() * 1_000_000 }, 3_000);
  } catch (err) {
    if (!/hwclock/i.test((err as Error).message)) throw err;
  }
}

export class ResourceSaver implements ProxyHooks {
  private state: SaverState = 'awake';
  private lastActivity = Date.now();
  /** Containers running, from the supervisor's list; unknown until the engine first answers. */
  private runningCount: number | null = null;
  private ready = false;
  private transition: Promise<void> = Promise.resolve();
  private readonly cache = new Map<string, CachedAnswer>();
  private timer: NodeJS.Timeout | null = null;
  private waiters: Array<() => void> = [];
  /** Users' calls doing work right now (server/vm/engine-proxy.ts). */
  private holds = 0;

  constructor(private readonly opts: SaverOptions) {
    opts.qmp.on('event', (e: { event?: string }) => {
      // Someone else resumed the VM (Berth before a stop or a reclaim): it is awake, and its clock is behind.
      if (e.event === 'RESUME' && this.state === 'paused') {
        this.awake();
        opts.log('Resource Saver: the VM was resumed from outside');
        setGuestTime(opts.paths.qgaSocket).catch((err: Error) => opts.log(`the guest clock was not set: ${err.message}`));
      }
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.check(), CHECK_MS);
    // A supervisor that replaces one that died may find the VM paused: the next call must wake it.
    this.opts.qmp
      .execute<{ status?: string }>('query-status')
      .then((q) => {
        if (q.status === 'paused' && this.state === 'awake') {
          this.state = 'paused';
          this.opts.log('Resource Saver: the VM was found paused');
        }
      })
      .catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The engine answered: from now on idle time counts. */
  engineReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.lastActivity = Date.now();
  }

  containersRunning(n: number): void {
    this.runningCount = n;
    if (n > 0) this.lastActivity = Date.now();
  }

  activity(): void {
    this.lastActivity = Date.now();
  }

  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.lastActivity = Date.now();
    };
  }

  paused(): boolean {
    return this.state !== 'awake';
  }

  cached(method: string, path: string): CachedAnswer | null {
    if (method !== 'GET' && method !== 'HEAD') return null;
    return this.cache.get(path) ?? null;
  }

  wake(reason: string): Promise<void> {
    if (this.state === 'awake') return Promise.resolve();
    this.transition = this.transition.then(() => this.doWake(reason));
    return this.transition;
  }

  whenAwake(): Promise<void> {
    if (this.state === 'awake') return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private awake(): void {
    this.state = 'awake';
    this.lastActivity = Date.now();
    updateRunState(this.opts.paths, { pausedAt: undefined });
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private idle(limit: number): boolean {
    return this.ready && this.holds === 0 && this.runningCount === 0 && Date.now() - this.lastActivity >= limit;
  }

  private check(): void {
    if (this.state !== 'awake') return;
    // Berth is stopping the VM: a pause now would leave the guest's shutdown half done.
    if (readRunState(this.opts.paths)?.stopRequested) return;
    const limit = idleLimitMs(this.opts.paths, this.opts.env);
    if (limit === null || !this.idle(limit)) return;
    this.transition = this.transition.then(() => this.doPause(limit)).catch((err: Error) => this.opts.log(`Resource Saver: not paused: ${err.message}`));
  }

  /** What Berth's health checks get while the VM sleeps: the engine's own answers from just before. */
  private async refreshCache(): Promise<void> {
    const { docker } = this.opts;
    const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<Record<string, unknown>>]);
    const headers = {
      'Api-Version': version.ApiVersion,
      'Docker-Experimental': 'false',
      Ostype: 'linux',
      Server: `Docker/${version.Version} (linux)`,
    };
    const json = { ...headers, 'Content-Type': 'application/json' };
    this.cache.set('/_ping', { status: 200, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, no-store, must-revalidate' }, body: 'OK' });
    this.cache.set('/version', { status: 200, headers: json, body: JSON.stringify(version) });
    this.cache.set('/info', { status: 200, headers: json, body: JSON.stringify({ ...info, ContainersRunning: 0 }) });
    // The engine's own count, fresher than the last container event the supervisor handled.
    const running = Number(info.ContainersRunning ?? 0);
    if (running > 0) this.containersRunning(running);
  }

  private async doPause(limit: number): Promise<void> {
    if (this.state !== 'awake' || !this.idle(limit)) return;
    await this.refreshCache();
    // A call may have come in while the cache was filled.
    if (!this.idle(limit)) return;
    this.state = 'pausing';
    try {
      await this.opts.qmp.execute('stop');
    } catch (err) {
      this.state = 'awake';
      throw err;
    }
    this.state = 'paused';
    const pausedAt = new Date().toISOString();
    updateRunState(this.opts.paths, { pausedAt });
    this.opts.log(`Resource Saver: paused the VM after ${Math.round(limit / 1000)} s with no container running and no call`);
  }

  private async doWake(reason: string): Promise<void> {
    if (this.state !== 'paused') return;
    this.state = 'waking';
    const t0 = performance.now();
    try {
      await this.opts.qmp.execute('cont');
    } catch (err) {
      this.state = 'paused';
      throw err;
    }
    let clock = '';
    try {
      await setGuestTime(this.opts.paths.qgaSocket);
    } catch (err) {
      clock = `; the guest clock was not set: ${(err as Error).message}`;
    }
    this.awake();
    this.opts.log(`Resource Saver: woke the VM for ${reason} in ${Math.round(performance.now() - t0)} ms${clock}`);
  }
}
