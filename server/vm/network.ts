// The VM's network settings: proxies for dockerd (its environment, rewritten and dockerd restarted while the VM
// runs) and for containers (the docker CLI's `proxies` for the VM's socket, and Berth's own Run), host access, and
// the default socket link.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import {
  DEFAULT_NETWORK,
  effectiveProxies,
  HOST_ADDRESS_IN_VM,
  HOST_NAMES,
  maskProxy,
  networkSchema,
  proxyEnvironment,
  vmProxies,
  type NetworkSettings,
  type ProxyConfig,
} from '../../lib/vm-network';
import { MASK } from '../auth/masking';
import { BerthError } from '../errors';
import { dockerConfigDir } from '../engines/contexts';
import { DEFAULT_SOCKET, defaultSocketState, linkDefaultSocket, unlinkDefaultSocket, type DefaultSocketState, type LinkOutcome } from './default-socket';
import { guestExec } from './guest-exec';
import type { StartedOperation, StepContext, VmOperationKind } from './operations';
import type { VmPaths } from './paths';
import { sleep } from './procs';

export function loadNetwork(paths: VmPaths): NetworkSettings {
  try {
    const raw = { ...DEFAULT_NETWORK, ...(JSON.parse(readFileSync(paths.networkFile, 'utf8')) as Partial<NetworkSettings>) };
    const parsed = networkSchema.safeParse(raw);
    return parsed.success ? parsed.data : DEFAULT_NETWORK;
  } catch {
    return DEFAULT_NETWORK;
  }
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.berth-tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

export function saveNetwork(paths: VmPaths, settings: NetworkSettings): void {
  writeAtomic(paths.networkFile, `${JSON.stringify(settings, null, 2)}\n`);
}

/** The proxies the VM uses now: the settings read against Berth's own environment, loopback moved to 10.0.2.2. */
export function vmProxyConfig(paths: VmPaths, env: NodeJS.ProcessEnv): ProxyConfig {
  return vmProxies(effectiveProxies(loadNetwork(paths), env));
}

/** dockerd's proxy environment as the guest reads it: one NAME=value line each; only the names it accepts. */
export function guestProxyEnv(config: ProxyConfig): string {
  const lines = ['# Berth: the proxies of Docker Engine in the VM'];
  if (config.http) lines.push(`HTTP_PROXY=${config.http}`);
  if (config.https) lines.push(`HTTPS_PROXY=${config.https}`);
  if ((config.http || config.https) && config.noProxy) lines.push(`NO_PROXY=${config.noProxy}`);
  return `${lines.join('\n')}\n`;
}

/** Writes the file QEMU hands to the guest at boot (fw_cfg opt/berth/proxy). */
export function writeProxyEnvFile(paths: VmPaths, env: NodeJS.ProcessEnv): void {
  writeAtomic(paths.proxyEnvFile, guestProxyEnv(vmProxyConfig(paths, env)));
}

/**
 * The docker CLI adds `proxies[host]` to every container it creates on that host (and to builds): keyed by the VM's
 * socket, so other engines keep theirs. No proxies removes the key; the CLI's "default" entry, if any, applies then.
 */
export function writeCliProxies(socketPath: string, config: ProxyConfig, env: NodeJS.ProcessEnv): void {
  const file = join(dockerConfigDir(env, homedir()), 'config.json');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No config yet.
  }
  const proxies = { ...((json.proxies as Record<string, unknown> | undefined) ?? {}) };
  const key = `unix://${socketPath}`;
  const entry: Record<string, string> = {};
  if (config.http) entry.httpProxy = config.http;
  if (config.https) entry.httpsProxy = config.https;
  if (Object.keys(entry).length && config.noProxy) entry.noProxy = config.noProxy;
  if (Object.keys(entry).length) proxies[key] = entry;
  else delete proxies[key];
  if (JSON.stringify(proxies) === JSON.stringify(json.proxies ?? {})) return;
  const next: Record<string, unknown> = { ...json, proxies };
  if (!Object.keys(proxies).length) delete next.proxies;
  writeAtomic(file, `${JSON.stringify(next, null, '\t')}\n`);
}

/** Replaces dockerd's proxy file in the guest and stops dockerd; the guest's loop starts it again with the file. */
const RESTART_DOCKERD = `set -e
cat > /run/berth-proxy.env.new
mv /run/berth-proxy.env.new /run/berth-proxy.env
pid=$(cat /run/docker.pid 2>/dev/null || true)
[ -n "$pid" ] || exit 0
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 400 ] && { echo "dockerd did not stop within 40 s" >&2; exit 1; }
  sleep 0.1
done
`;

async function waitForEngine(socketPath: string, timeoutMs: number): Promise<void> {
  const docker = new Docker({ socketPath, timeout: 3000 });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await docker.ping();
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new BerthError('TIMEOUT', `Docker Engine in the VM did not answer within ${timeoutMs / 1000} s after restarting. See the VM's dockerd log.`);
}

export interface NetworkView {
  settings: NetworkSettings;
  /** Berth's own HTTP_PROXY, HTTPS_PROXY and NO_PROXY: what "system" uses. */
  system: ProxyConfig;
  /** What dockerd and containers in the VM use with the saved settings. */
  effective: ProxyConfig;
  running: boolean;
  hostAccess: { names: string[]; address: string };
  defaultSocket: { path: string; target: string; state: DefaultSocketState; command: string };
}

export interface NetworkApplied {
  /** The operation restarting dockerd, when the VM runs and its proxies changed. */
  operation?: number;
  socket?: LinkOutcome;
  result: string;
}

export interface VmNetworkOptions {
  paths: VmPaths;
  env: NodeJS.ProcessEnv;
  /** The default socket path; tests give their own, never /var/run/docker.sock. */
  defaultSocket?: string;
  running: () => boolean;
  begin: (kind: VmOperationKind, work: (ctx: StepContext) => Promise<string | void>) => StartedOperation;
}

export class VmNetwork {
  readonly defaultSocketPath: string;

  constructor(private readonly opts: VmNetworkOptions) {
    this.defaultSocketPath = opts.defaultSocket ?? DEFAULT_SOCKET;
  }

  settings(): NetworkSettings {
    return loadNetwork(this.opts.paths);
  }

  /** The saved settings and what they mean here; passwords in proxy URLs are masked unless `reveal`. */
  view(reveal: boolean): NetworkView {
    const { paths, env } = this.opts;
    const mask = (c: ProxyConfig): ProxyConfig => (reveal ? c : { ...c, http: maskProxy(c.http, MASK), https: maskProxy(c.https, MASK) });
    const settings = this.settings();
    return {
      settings: reveal ? settings : { ...settings, httpProxy: maskProxy(settings.httpProxy, MASK), httpsProxy: maskProxy(settings.httpsProxy, MASK) },
      system: mask(effectiveProxies({ ...settings, proxyMode: 'system' }, env)),
      effective: mask(vmProxyConfig(paths, env)),
      running: this.opts.running(),
      hostAccess: { names: [...HOST_NAMES], address: HOST_ADDRESS_IN_VM },
      defaultSocket: {
        path: this.defaultSocketPath,
        target: paths.dockerSocket,
        state: defaultSocketState(paths.dockerSocket, this.defaultSocketPath),
        command: `sudo ln -sf ${paths.dockerSocket} ${this.defaultSocketPath}`,
      },
    };
  }

  /** The environment Berth's Run adds to a container on the VM's engine, unless the container sets it. */
  containerEnv(): Record<string, string> {
    return proxyEnvironment(vmProxyConfig(this.opts.paths, this.opts.env));
  }

  /** Saves new settings; restarts dockerd (not the VM) when it runs and its proxies change. */
  apply(input: unknown): NetworkApplied {
    const { paths, env } = this.opts;
    const next = networkSchema.parse(input);
    const before = this.settings();
    const proxies = vmProxies(effectiveProxies(next, env));
    const text = guestProxyEnv(proxies);
    let current = '';
    try {
      current = readFileSync(paths.proxyEnvFile, 'utf8');
    } catch {
      // The VM has not run since Berth's home was made.
    }
    const restart = this.opts.running() && text !== current;
    // Begun before saving: when the VM is busy, nothing changes.
    const op = restart ? this.opts.begin('network', (ctx) => this.restartDockerd(text, ctx)) : null;
    saveNetwork(paths, next);
    writeCliProxies(paths.dockerSocket, proxies, env);
    if (!this.opts.running()) writeAtomic(paths.proxyEnvFile, text);
    let socket: LinkOutcome | undefined;
    if (next.defaultSocket) socket = linkDefaultSocket(paths.dockerSocket, this.defaultSocketPath);
    else if (before.defaultSocket) socket = unlinkDefaultSocket(paths.dockerSocket, this.defaultSocketPath);
    const result = restart ? 'Saved; Docker Engine in the VM restarts with the new proxies.' : this.opts.running() ? 'Saved.' : 'Saved; the VM uses these settings when it starts.';
    return { operation: op?.id, socket, result };
  }

  private async restartDockerd(text: string, ctx: StepContext): Promise<string> {
    const { paths } = this.opts;
    ctx.step(0.1, 'Stopping Docker Engine in the VM');
    const r = await guestExec(paths.qgaSocket, '/bin/sh', ['-c', RESTART_DOCKERD], { input: text, timeoutMs: 60_000 });
    if (r.exitCode !== 0) throw new BerthError('ENGINE_ERROR', `Docker Engine in the VM could not be restarted: ${r.stderr.trim() || `exit ${r.exitCode}`}.`);
    writeAtomic(paths.proxyEnvFile, text);
    ctx.step(0.5, 'Starting Docker Engine in the VM with the new proxies');
    // Seconds on an idle machine; minutes under software emulation on a loaded one.
    await waitForEngine(paths.dockerSocket, 300_000);
    return 'Docker Engine in the VM restarted with the new proxies; containers with a restart policy start again.';
  }

  /** After the VM starts: the CLI's proxies for its socket, and the default socket link when asked for. */
  afterStart(ctx: StepContext): void {
    const { paths, env } = this.opts;
    writeCliProxies(paths.dockerSocket, vmProxyConfig(paths, env), env);
    if (!this.settings().defaultSocket) return;
    const outcome = linkDefaultSocket(paths.dockerSocket, this.defaultSocketPath);
    if (!outcome.ok) ctx.log(`${outcome.message}${outcome.command ? ` ${outcome.command}` : ''}`);
  }
}

/** A Run spec with `defaults` added where it sets no variable of that name in either case, as the docker CLI does. */
export function withDefaultEnv<T extends { env: Array<{ key: string; value: string }> }>(spec: T, defaults: Record<string, string> | undefined): T {
  if (!defaults) return spec;
  const taken = new Set(spec.env.map((e) => e.key.toUpperCase()));
  const added = Object.entries(defaults)
    .filter(([key]) => !taken.has(key.toUpperCase()))
    .map(([key, value]) => ({ key, value }));
  return added.length ? { ...spec, env: [...spec.env, ...added] } : spec;
}
