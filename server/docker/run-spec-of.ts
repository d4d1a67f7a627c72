// "Run again with changes": the RunSpec that makes a container like an existing one, read from its inspect. What the
// image already gives (its command, entrypoint, environment and labels) is left out, so the form shows only choices.
import type Docker from 'dockerode';
import { type RunSpec, type VolumeSpec, RESTART_POLICIES, emptyRunSpec } from '@/lib/run-spec';
import { toEngineError } from '../errors';
import { containerName } from './container-name';

const same = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);

function splitLine(line: string): { key: string; value: string } {
  const i = line.indexOf('=');
  return i < 0 ? { key: line, value: '' } : { key: line.slice(0, i), value: line.slice(i + 1) };
}

/** Bytes as the shortest exact `--memory` value: 536870912 → "512m". */
export function memoryText(bytes: number): string {
  for (const [unit, size] of [['g', 2 ** 30], ['m', 2 ** 20], ['k', 2 ** 10]] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** A Binds entry "source:target[:options]"; a source without "/" is a named volume, as `-v` reads it. */
function fromBind(bind: string): VolumeSpec | null {
  const [source = '', target = '', options = ''] = bind.split(':');
  if (!target) return null;
  return { type: source.startsWith('/') ? 'bind' : 'volume', source, target, readOnly: options.split(',').includes('ro') };
}

function volumesOf(host: Docker.HostConfig): VolumeSpec[] {
  const out: VolumeSpec[] = [];
  // The engine keeps each kind in its own list, so the form's order is lost; named volumes come first, as Run sends them.
  for (const m of (host as { Mounts?: { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[] }).Mounts ?? []) {
    if ((m.Type === 'volume' || m.Type === 'bind' || m.Type === 'tmpfs') && m.Target) {
      out.push({ type: m.Type, source: m.Type === 'tmpfs' ? '' : (m.Source ?? ''), target: m.Target, readOnly: Boolean(m.ReadOnly) });
    }
  }
  for (const b of host.Binds ?? []) {
    const v = fromBind(b);
    if (v) out.push(v);
  }
  for (const [target, options] of Object.entries((host as { Tmpfs?: Record<string, string> }).Tmpfs ?? {})) {
    out.push({ type: 'tmpfs', source: '', target, readOnly: options.split(',').includes('ro') });
  }
  return out;
}

/** A name for the copy that no container has yet: web → web-2, web-2 → web-3. */
function freeName(name: string, taken: Set<string>): string {
  const base = name.replace(/-\d+$/, '');
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function runSpecOf(api: Docker, id: string): Promise<RunSpec> {
  let raw: Docker.ContainerInspectInfo;
  try {
    raw = await api.getContainer(id).inspect();
  } catch (err) {
    throw toEngineError(err, `container ${id}`, 'inspect');
  }
  // The image may be gone since; then everything the container has counts as chosen.
  const image = await api.getImage(raw.Image).inspect().catch(() => null);
  const names = await api.listContainers({ all: true }).catch(() => []);
  const config = raw.Config;
  const host = raw.HostConfig;
  const imageEnv = new Set(image?.Config?.Env ?? []);
  const imageLabels = image?.Config?.Labels ?? {};
  const ports = Object.entries(host.PortBindings ?? {}).flatMap(([key, list]) => {
    const [containerPort = '', protocol = 'tcp'] = key.split('/');
    return ((list as { HostIp?: string; HostPort?: string }[] | null) ?? []).map((b) => ({
      hostIp: b.HostIp ?? '',
      hostPort: b.HostPort ?? '',
      containerPort,
      protocol: protocol === 'udp' ? ('udp' as const) : ('tcp' as const),
    }));
  });
  const restart = host.RestartPolicy;
  const policy = RESTART_POLICIES.find((p) => p === restart?.Name) ?? 'no';
  const entrypoint = same(config.Entrypoint as string[] | null, image?.Config?.Entrypoint as string[] | null) ? [] : ((config.Entrypoint as string[] | null) ?? []);
  const command = same(config.Cmd, image?.Config?.Cmd) && !entrypoint.length ? [] : (config.Cmd ?? []);
  const network = host.NetworkMode && host.NetworkMode !== 'default' ? host.NetworkMode : '';
  return {
    ...emptyRunSpec(config.Image),
    name: freeName(containerName(raw.Name), new Set(names.flatMap((c) => (c.Names ?? []).map((n) => n.replace(/^\//, ''))))),
    // `--entrypoint` takes one word; the rest of a longer entrypoint runs the same as the command's first words.
    entrypoint: entrypoint[0] ?? '',
    command: [...entrypoint.slice(1), ...command],
    env: (config.Env ?? []).filter((line) => !imageEnv.has(line)).map(splitLine),
    ports,
    volumes: volumesOf(host),
    network: network.startsWith('container:') ? '' : network,
    restart: { policy, maxRetries: policy === 'on-failure' && restart?.MaximumRetryCount ? String(restart.MaximumRetryCount) : '' },
    labels: Object.entries(config.Labels ?? {})
      .filter(([k, v]) => imageLabels[k] !== v)
      .map(([key, value]) => ({ key, value })),
    cpus: host.NanoCpus ? String(host.NanoCpus / 1e9) : '',
    memory: host.Memory ? memoryText(host.Memory) : '',
    autoRemove: Boolean(host.AutoRemove),
    tty: Boolean(config.Tty),
    interactive: Boolean(config.OpenStdin),
  };
}
