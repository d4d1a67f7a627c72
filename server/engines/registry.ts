// EngineRegistry: every Docker engine the user can reach, gathered from its sources, by stable URL name, with health checks.
import { homedir } from 'node:os';
import type Docker from 'dockerode';
import { BerthError, connectionFailure } from '../errors';
import { createClient, describeHost } from './client';
import { dockerConfigDir, type EndpointSpec } from './contexts';
import type { EngineProvider } from './provider';
import { contextsSource, dockerHostSource, socketSource } from './sources';

export interface EngineHealth {
  reachable: boolean;
  checkedAt: number;
  version?: string;
  apiVersion?: string;
  os?: string;
  arch?: string;
  cpus?: number;
  memory?: number;
  containers?: number;
  containersRunning?: number;
  images?: number;
  serverName?: string;
  error?: { code: string; message: string };
}

export interface EngineEntry {
  spec: EndpointSpec;
  api: Docker;
}

export interface EngineSummary {
  name: string;
  kind: EndpointSpec['kind'];
  host: string;
  description: string;
  current: boolean;
  health: EngineHealth;
}

export interface RegistryOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  /** The local socket; BERTH_DOCKER_SOCKET overrides /var/run/docker.sock. */
  socketPath?: string;
  healthTimeoutMs?: number;
}

const HEALTH_TTL_MS = 5_000;

export class EngineRegistry {
  private readonly engines = new Map<string, EngineEntry>();
  private readonly health = new Map<string, EngineHealth>();
  private readonly pending = new Map<string, Promise<EngineHealth>>();
  private currentName = 'default';
  private readonly healthTimeoutMs: number;
  /** In listing order: the machine's own engines first, then what Berth adds (its VM). */
  private readonly providers: EngineProvider[] = [];
  private readonly unwatch = new Map<EngineProvider, () => void>();
  /** The docker CLI's config directory Berth reads contexts from; registry sign-ins live there too. */
  readonly dockerConfigDir: string;

  constructor(opts: RegistryOptions = {}) {
    const env = opts.env ?? process.env;
    const homeDir = opts.homeDir ?? homedir();
    this.dockerConfigDir = dockerConfigDir(env, homeDir);
    const socketPath = opts.socketPath ?? env.BERTH_DOCKER_SOCKET ?? '/var/run/docker.sock';
    this.healthTimeoutMs = opts.healthTimeoutMs ?? 3_000;
    this.providers.push(socketSource(socketPath), dockerHostSource(env, socketPath), contextsSource(env, homeDir));
    this.discover();
  }

  /** Adds a source of engines and follows its changes. Returns a function that removes it and its engines. */
  add(provider: EngineProvider): () => void {
    this.providers.push(provider);
    this.discover();
    const stop = provider.watch?.(() => this.discover());
    if (stop) this.unwatch.set(provider, stop);
    return () => {
      this.unwatch.get(provider)?.();
      this.unwatch.delete(provider);
      const at = this.providers.indexOf(provider);
      if (at < 0) return;
      this.providers.splice(at, 1);
      this.discover();
    };
  }

  /** Reads every source again; unchanged engines keep their clients (and their cached health). */
  discover(): void {
    const offers = this.providers.map((p) => ({ owned: p.owned === true, ...p.offer() }));
    const ownedHosts = new Map(offers.filter((o) => o.owned).flatMap((o) => o.engines.map((e) => [e.host, e.name] as const)));
    const sameAs = new Map<string, string>();
    const next = new Map<string, EngineEntry>();
    for (const offer of offers) {
      for (const spec of offer.engines) {
        const owner = ownedHosts.get(spec.host);
        if (!offer.owned && owner) {
          sameAs.set(spec.name, owner);
          continue;
        }
        const old = this.engines.get(spec.name);
        const same = old && old.spec.host === spec.host && JSON.stringify(old.spec.tls) === JSON.stringify(spec.tls);
        next.set(spec.name, same ? old : { spec, api: createClient(spec) });
        if (!same) this.health.delete(spec.name);
      }
    }
    for (const name of this.engines.keys()) if (!next.has(name)) this.health.delete(name);
    this.engines.clear();
    for (const [k, v] of next) this.engines.set(k, v);

    let current: string | undefined;
    for (const offer of offers) {
      const wanted = offer.preferred && (sameAs.get(offer.preferred) ?? offer.preferred);
      if (wanted && next.has(wanted)) current = wanted;
    }
    this.currentName = current ?? next.keys().next().value ?? 'default';
  }

  names(): string[] {
    return [...this.engines.keys()];
  }

  current(): string {
    return this.currentName;
  }

  has(name: string): boolean {
    return this.engines.has(name);
  }

  /** The engine by name, or a NOT_FOUND error naming the engines that do exist. */
  get(name: string): EngineEntry {
    const entry = this.engines.get(name);
    if (!entry) {
      const known = this.names();
      const hint = known.length ? ` Known engines: ${known.join(', ')}.` : ' No engine is configured.';
      throw new BerthError('NOT_FOUND', `There is no engine called "${name}".${hint}`);
    }
    return entry;
  }

  api(name: string): Docker {
    return this.get(name).api;
  }

  where(name: string): string {
    return describeHost(this.get(name).spec.host);
  }

  async list(): Promise<EngineSummary[]> {
    this.discover();
    const names = this.names();
    const healths = await Promise.all(names.map((n) => this.checkHealth(n)));
    return names.map((name, i) => {
      const { spec } = this.get(name);
      return { name, kind: spec.kind, host: spec.host, description: spec.description, current: name === this.currentName, health: healths[i]! };
    });
  }

  /** Health of one engine, cached for a few seconds; concurrent callers share one probe. */
  async checkHealth(name: string, fresh = false): Promise<EngineHealth> {
    const cached = this.health.get(name);
    if (!fresh && cached && Date.now() - cached.checkedAt < HEALTH_TTL_MS) return cached;
    const inflight = this.pending.get(name);
    if (inflight) return inflight;
    const probe = this.probe(name).finally(() => this.pending.delete(name));
    this.pending.set(name, probe);
    return probe;
  }

  private async probe(name: string): Promise<EngineHealth> {
    const { api, spec } = this.get(name);
    const where = describeHost(spec.host);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), this.healthTimeoutMs);
    });
    let health: EngineHealth;
    try {
      const [info, version] = (await Promise.race([Promise.all([api.info(), api.version()]), deadline])) as [Record<string, unknown>, Docker.DockerVersion];
      health = {
        reachable: true,
        checkedAt: Date.now(),
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: version.Os,
        arch: version.Arch,
        cpus: Number(info.NCPU ?? 0),
        memory: Number(info.MemTotal ?? 0),
        containers: Number(info.Containers ?? 0),
        containersRunning: Number(info.ContainersRunning ?? 0),
        images: Number(info.Images ?? 0),
        serverName: String(info.Name ?? ''),
      };
    } catch (err) {
      const e = err instanceof BerthError ? err : connectionFailure(err, where);
      health = { reachable: false, checkedAt: Date.now(), error: { code: e.code, message: e.message } };
    } finally {
      clearTimeout(timer);
    }
    if (this.engines.has(name)) this.health.set(name, health);
    return health;
  }
}
