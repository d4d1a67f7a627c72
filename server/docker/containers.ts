// Container operations over dockerode, returning Berth's own view models.
import type Docker from 'dockerode';
import { getJson } from '../engines/wire';
import { BerthError, toEngineError } from '../errors';
import { eventsLive, invalidateContainers } from './container-cache';
import { type Health, exitCodeOf, healthOf, isCrashLooping } from './container-health';
import { containerName } from './container-name';
import { restartFacts } from './restart-counts';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: string;
}

export interface ContainerRow {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  status: string;
  created: number;
  ports: PortBinding[];
  project?: string;
  service?: string;
  health?: Health;
  /** An exited or restarting container's last exit code. */
  exitCode?: number;
  /** Restarts by the restart policy since it was last started by hand. */
  restartCount: number;
  crashLooping: boolean;
}

export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'] as const;
export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];

export interface ActionOptions {
  force?: boolean;
  volumes?: boolean;
  signal?: string;
  timeout?: number;
}

export function toContainerRow(raw: Docker.ContainerInfo): ContainerRow {
  const labels = raw.Labels ?? {};
  const name = containerName(raw);
  const seen = new Set<string>();
  const ports: PortBinding[] = [];
  for (const p of raw.Ports ?? []) {
    // The engine lists a binding once per address family; one row per host port is what users read.
    const key = `${p.PrivatePort}/${p.Type}/${p.PublicPort ?? ''}/${p.IP === '::' ? '0.0.0.0' : (p.IP ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({ privatePort: p.PrivatePort, publicPort: p.PublicPort || undefined, ip: p.IP || undefined, type: p.Type });
  }
  ports.sort((a, b) => (a.publicPort ?? 0) - (b.publicPort ?? 0) || a.privatePort - b.privatePort);
  return {
    id: raw.Id,
    name,
    image: raw.Image,
    imageId: raw.ImageID,
    command: raw.Command,
    state: raw.State as ContainerState,
    status: raw.Status,
    created: raw.Created,
    ports,
    project: labels['com.docker.compose.project'] || undefined,
    service: labels['com.docker.compose.service'] || undefined,
    health: healthOf(raw.Status ?? '', (raw as { Health?: { Status?: string } }).Health?.Status),
    exitCode: exitCodeOf(raw.Status ?? ''),
    restartCount: 0,
    crashLooping: raw.State === 'restarting',
  };
}

/** Restart counts come from each container's inspect, asked only for containers that changed. */
async function withRestarts(api: Docker, rows: ContainerRow[]): Promise<ContainerRow[]> {
  const facts = await restartFacts(api, rows, eventsLive(api));
  const now = Date.now();
  for (const r of rows) {
    const f = facts.get(r.id);
    if (!f) continue;
    r.restartCount = f.restartCount;
    r.crashLooping = isCrashLooping({ state: r.state, ...f }, now);
  }
  return rows;
}

export async function listContainers(api: Docker, opts: { all?: boolean } = {}): Promise<ContainerRow[]> {
  try {
    const raw = await getJson<Docker.ContainerInfo[]>(api, `/containers/json?all=${opts.all === false ? 0 : 1}`);
    return await withRestarts(api, raw.map(toContainerRow));
  } catch (err) {
    throw toEngineError(err, 'containers', 'list');
  }
}

/** The container's name for sentences, falling back to the reference the user gave. */
async function displayName(api: Docker, ref: string): Promise<string> {
  try {
    const info = await api.getContainer(ref).inspect();
    return containerName(info.Name);
  } catch {
    return ref;
  }
}

export async function containerAction(api: Docker, ref: string, action: ContainerAction, opts: ActionOptions = {}): Promise<void> {
  const c = api.getContainer(ref);
  try {
    switch (action) {
      case 'start':
        await c.start();
        break;
      case 'stop':
        await c.stop(opts.timeout !== undefined ? { t: opts.timeout } : {});
        break;
      case 'restart':
        await c.restart(opts.timeout !== undefined ? { t: opts.timeout } : {});
        break;
      case 'pause':
        await c.pause();
        break;
      case 'unpause':
        await c.unpause();
        break;
      case 'kill':
        await c.kill(opts.signal ? { signal: opts.signal } : {});
        break;
      case 'remove':
        await c.remove({ force: opts.force ?? false, v: opts.volumes ?? false });
        break;
    }
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    // Starting a running container or stopping a stopped one is what the user wanted: not an error.
    if (status === 304 && (action === 'start' || action === 'stop')) return;
    const name = status === 404 ? ref : await displayName(api, ref);
    throw friendlyActionError(toEngineError(err, `container ${name}`, action), name, action);
  } finally {
    // A list right after the action shows it, before the engine's event arrives; a failed action may have half-happened.
    invalidateContainers(api);
  }
}

function friendlyActionError(err: BerthError, name: string, action: ContainerAction): BerthError {
  const msg = err.message;
  if (action === 'remove' && /stop the container before|cannot remove a running container|You cannot remove a running/i.test(msg)) {
    return new BerthError('CONFLICT', `Container ${name} is running: stop it first, or remove it with "force".`, { cause: err });
  }
  if ((action === 'pause' || action === 'kill' || action === 'unpause') && /is not running/i.test(msg)) {
    return new BerthError('CONFLICT', `Container ${name} is not running, so it cannot be ${pastTense(action)}.`, { cause: err });
  }
  if (action === 'unpause' && /is not paused/i.test(msg)) {
    return new BerthError('CONFLICT', `Container ${name} is not paused.`, { cause: err });
  }
  if (action === 'pause' && /is already paused/i.test(msg)) {
    return new BerthError('CONFLICT', `Container ${name} is already paused.`, { cause: err });
  }
  if ((action === 'start' || action === 'restart') && /is paused/i.test(msg)) {
    return new BerthError('CONFLICT', `Container ${name} is paused: unpause it instead.`, { cause: err });
  }
  return err;
}

function pastTense(action: ContainerAction): string {
  return { pause: 'paused', kill: 'killed', unpause: 'unpaused' }[action as 'pause'] ?? action;
}

export interface BulkResult {
  id: string;
  ok: boolean;
  error?: { code: string; message: string };
}

/** Runs one action on many containers, a few at a time; one failure does not stop the others. */
export async function bulkAction(api: Docker, refs: string[], action: ContainerAction, opts: ActionOptions = {}): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(refs.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < refs.length) {
      const i = next++;
      const id = refs[i]!;
      try {
        await containerAction(api, id, action, opts);
        results[i] = { id, ok: true };
      } catch (err) {
        const e = err instanceof BerthError ? err : toEngineError(err, `container ${id}`, action);
        results[i] = { id, ok: false, error: { code: e.code, message: e.message } };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, refs.length) }, worker));
  return results;
}
