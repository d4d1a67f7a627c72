// EngineRegistry: every Docker engine the user can reach, by stable URL name, with health checks.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type Docker from 'dockerode';
import { EngineError, connectionFailure } from '../errors';
import { createClient, describeHost } from './client';
import { type EndpointSpec, dockerConfigDir, readDockerCliConfig } from './contexts';

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
  private readonly env: NodeJS.ProcessEnv;
  private readonly homeDir: string;
  private readonly socketPath: string;
  private readonly healthTimeoutMs: number;
  /** Engines added by Berth itself (the VM); they survive a re-discovery. */
  private readonly managed = new Map<string, EngineEntry>();

  constructor(opts: RegistryOptions = {}) {
    this.env = opts.env ?? process.env;
    this.homeDir = opts.homeDir ?? homedir();
    this.socketPath = opts.socketPath ?? this.env.BERTH_DOCKER_SOCKET ?? '/var/run/docker.sock';
    this.healthTimeoutMs = opts.healthTimeoutMs ?? 3_000;
    this.discover();
  }

  /** Reads the local socket, DOCKER_HOST and docker contexts again; unchanged engines keep their clients. */
  discover(): void {
    const specs: EndpointSpec[] = [];
    if (existsSync(this.socketPath)) {
      specs.push({ name: 'default', kind: 'socket', host: `unix://${this.socketPath}`, description: 'Local Docker socket' });
    }
    const dockerHost = this.env.DOCKER_HOST;
    if (dockerHost && dockerHost !== `unix://${this.socketPath}`) {
      specs.push({ name: 'docker-host', kind: 'env', host: dockerHost, description: 'DOCKER_HOST' });
    }
    const cli = readDockerCliConfig(dockerConfigDir(this.env, this.homeDir));
    specs.push(...cli.contexts);

    const next = new Map<string, EngineEntry>();
    const managedHosts = new Map([...this.managed.values()].map((m) => [m.spec.host, m.spec.name]));
    for (const spec of specs) {
      // The docker context Berth writes for its VM is the engine "vm" under another name: show it once.
      if (managedHosts.has(spec.host)) continue;
      const old = this.engines.get(spec.name);
      const same = old && old.spec.host === spec.host && JSON.stringify(old.spec.tls) === JSON.stringify(spec.tls);
      next.set(spec.name, same ? old : { spec, api: createClient(spec) });
      if (!same) this.health.delete(spec.name);
    }
    for (const [name, entry] of this.managed) next.set(name, entry);
    this.engines.clear();
    for (const [k, v] of next) this.engines.set(k, v);

    const wantedContext = this.env.DOCKER_CONTEXT || cli.currentContext;
    const wantedHost = cli.contexts.find((c) => c.name === wantedContext)?.host;
    const wanted = wantedHost && managedHosts.has(wantedHost) ? managedHosts.get(wantedHost) : wantedContext;
    if (wanted && this.engines.has(wanted)) this.currentName = wanted;
    else if (dockerHost && this.engines.has('docker-host')) this.currentName = 'docker-host';
    else if (this.engines.has('default')) this.currentName = 'default';
    else this.currentName = this.engines.keys().next().value ?? 'default';
  }

  /** Adds an engine Berth manages itself (the VM). Returns a function that removes it. */
  register(spec: EndpointSpec, api: Docker = createClient(spec)): () => void {
    const entry = { spec, api };
    this.managed.set(spec.name, entry);
    this.health.delete(spec.name);
    this.discover();
    return () => {
      this.managed.delete(spec.name);
      this.engines.delete(spec.name);
      this.health.delete(spec.name);
      this.discover();
    };
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
      throw new EngineError('NOT_FOUND', `There is no engine called "${name}".${hint}`);
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
      const e = err instanceof EngineError ? err : connectionFailure(err, where);
      health = { reachable: false, checkedAt: Date.now(), error: { code: e.code, message: e.message } };
    } finally {
      clearTimeout(timer);
    }
    if (this.engines.has(name)) this.health.set(name, health);
    return health;
  }
}
