// The container detail page's view model: a readable summary of `docker inspect`, plus the raw JSON.
import type Docker from 'dockerode';
import { toEngineError } from '../errors';
import { isCrashLooping } from './container-health';
import { containerName } from './container-name';
import type { ContainerState, PortBinding } from './containers';

export interface MountRow {
  type: string;
  name?: string;
  source: string;
  destination: string;
  mode: string;
  rw: boolean;
}

export interface ContainerNetworkRow {
  name: string;
  ipAddress: string;
  gateway: string;
  macAddress: string;
  aliases: string[];
}

export interface ContainerDetail {
  id: string;
  name: string;
  image: string;
  imageId: string;
  created: string;
  state: {
    status: ContainerState;
    running: boolean;
    paused: boolean;
    restarting: boolean;
    exitCode: number;
    error: string;
    startedAt: string;
    finishedAt: string;
    oomKilled: boolean;
    health?: string;
    /** Restarts by the restart policy since it was last started by hand. */
    restartCount: number;
    crashLooping: boolean;
  };
  command: string[];
  entrypoint: string[];
  workingDir: string;
  user: string;
  hostname: string;
  tty: boolean;
  restartPolicy: string;
  platform: string;
  ports: PortBinding[];
  env: { key: string; value: string }[];
  mounts: MountRow[];
  networks: ContainerNetworkRow[];
  labels: { key: string; value: string }[];
  project?: string;
  service?: string;
  raw: string;
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.length) return [v];
  return [];
}

export function toContainerDetail(raw: Docker.ContainerInspectInfo): ContainerDetail {
  const labels = raw.Config?.Labels ?? {};
  const ports: PortBinding[] = [];
  for (const [key, bindings] of Object.entries(raw.NetworkSettings?.Ports ?? {})) {
    const [port, type = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!bindings || bindings.length === 0) {
      ports.push({ privatePort, type });
      continue;
    }
    const seen = new Set<string>();
    for (const b of bindings) {
      const ip = b.HostIp === '::' ? '0.0.0.0' : b.HostIp;
      const k = `${ip}:${b.HostPort}`;
      if (seen.has(k)) continue;
      seen.add(k);
      ports.push({ privatePort, publicPort: Number(b.HostPort) || undefined, ip: ip || undefined, type });
    }
  }
  const restart = raw.HostConfig?.RestartPolicy;
  return {
    id: raw.Id,
    name: containerName(raw.Name),
    image: raw.Config?.Image ?? raw.Image,
    imageId: raw.Image,
    created: raw.Created,
    state: {
      status: raw.State.Status as ContainerState,
      running: raw.State.Running,
      paused: raw.State.Paused,
      restarting: raw.State.Restarting,
      exitCode: raw.State.ExitCode,
      error: raw.State.Error,
      startedAt: raw.State.StartedAt,
      finishedAt: raw.State.FinishedAt,
      oomKilled: raw.State.OOMKilled,
      health: (raw.State as { Health?: { Status?: string } }).Health?.Status,
      restartCount: raw.RestartCount ?? 0,
      crashLooping: isCrashLooping(
        { state: raw.State.Status, restartCount: raw.RestartCount ?? 0, startedAt: Date.parse(raw.State.StartedAt) || 0, finishedAt: Date.parse(raw.State.FinishedAt) || 0 },
        Date.now(),
      ),
    },
    command: asList(raw.Config?.Cmd),
    entrypoint: asList(raw.Config?.Entrypoint),
    workingDir: raw.Config?.WorkingDir ?? '',
    user: raw.Config?.User ?? '',
    hostname: raw.Config?.Hostname ?? '',
    tty: Boolean(raw.Config?.Tty),
    restartPolicy: restart?.Name ? (restart.MaximumRetryCount ? `${restart.Name}:${restart.MaximumRetryCount}` : restart.Name) : 'no',
    platform: raw.Platform ?? '',
    ports,
    env: (raw.Config?.Env ?? []).map((line) => {
      const i = line.indexOf('=');
      return i < 0 ? { key: line, value: '' } : { key: line.slice(0, i), value: line.slice(i + 1) };
    }),
    mounts: (raw.Mounts ?? []).map((m) => ({
      type: m.Type ?? 'bind',
      name: m.Name || undefined,
      source: m.Source,
      destination: m.Destination,
      mode: m.Mode ?? '',
      rw: m.RW,
    })),
    networks: Object.entries(raw.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress ?? '',
      gateway: n.Gateway ?? '',
      macAddress: n.MacAddress ?? '',
      aliases: n.Aliases ?? [],
    })),
    labels: Object.entries(labels)
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    project: labels['com.docker.compose.project'] || undefined,
    service: labels['com.docker.compose.service'] || undefined,
    raw: JSON.stringify(raw, null, 2),
  };
}

export async function inspectContainer(api: Docker, ref: string): Promise<ContainerDetail> {
  try {
    return toContainerDetail(await api.getContainer(ref).inspect());
  } catch (err) {
    throw toEngineError(err, `container ${ref}`, 'inspect');
  }
}
