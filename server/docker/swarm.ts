// Swarm reads on a manager: status, nodes, services, tasks, stacks, secrets, configs and overlay networks, mapped.
import type Docker from 'dockerode';
import type { OverlayNetwork, ServiceDetail, SwarmNode, SwarmObject, SwarmService, SwarmStack, SwarmStatus, SwarmTask } from '../../lib/swarm';
import { getJson } from '../engines/wire';
import { BerthError, engineMessage, toEngineError } from '../errors';
import { eventCache } from './event-cache';
import { loadBalancing } from './swarm-lb';
import {
  type RawInfoSwarm,
  type RawNetwork,
  type RawNode,
  type RawObject,
  type RawService,
  type RawTask,
  byNewest,
  countRunning,
  taskCounts,
  toOverlayNetwork,
  toServiceSpec,
  toStacks,
  toSwarmNode,
  toSwarmObject,
  toSwarmService,
  toSwarmStatus,
  toSwarmTask,
  usersOf,
} from './swarm-map';

const q = (filters: Record<string, string[]>): string => `filters=${encodeURIComponent(JSON.stringify(filters))}`;
const RUNNING_TASKS = `/tasks?${q({ 'desired-state': ['running'] })}`;

export async function swarmInfo(api: Docker): Promise<{ Swarm?: RawInfoSwarm; KernelVersion?: string }> {
  try {
    return await getJson(api, '/info');
  } catch (err) {
    throw toEngineError(err, 'the engine', 'read the swarm state of');
  }
}

/** Why this engine cannot answer for the cluster, as the sentence the user acts on; null on a manager. */
export function notManagerSentence(swarm: RawInfoSwarm | undefined): string | null {
  const state = swarm?.LocalNodeState ?? 'inactive';
  if (state === 'inactive' || state === '') return 'This engine is not part of a swarm.';
  if (state === 'locked') return 'This swarm manager is locked: unlock it with "docker swarm unlock" and its unlock key.';
  if (swarm?.ControlAvailable) return null;
  if (state === 'pending') return 'This engine is still joining the swarm: try again in a moment.';
  if (state === 'error') return `This engine is in an error state in its swarm${swarm?.Error ? ` (${swarm.Error})` : ''}.`;
  const managers = (swarm?.RemoteManagers ?? []).map((m) => m.Addr).filter(Boolean);
  return managers.length ? `This node is a worker: connect Berth to a manager (${managers.join(', ')}).` : 'This node is a worker: connect Berth to a manager.';
}

/**
 * An engine error on a swarm call: a node that is no manager answers 503 for every cluster call, and that becomes
 * the sentence saying where to go instead; other refusals keep the engine's words without gRPC's prefix.
 */
export async function swarmError(api: Docker, err: unknown, subject: string, action: string): Promise<BerthError> {
  if (err instanceof BerthError) return err;
  const status = (err as { statusCode?: number }).statusCode;
  if (status === 503) {
    const info = await swarmInfo(api).catch(() => undefined);
    const sentence = notManagerSentence(info?.Swarm) ?? 'The swarm has no leader right now: its managers cannot reach a quorum.';
    return new BerthError('CONFLICT', sentence, { cause: err });
  }
  const base = toEngineError(err, subject, action);
  const detail = rpcMessage(engineMessage(err));
  if (/update out of sequence/i.test(detail)) {
    return new BerthError('CONFLICT', `${capital(subject)} changed since it was read: reload and try again.`, { cause: err });
  }
  if (/is in use by|in use by the following/i.test(detail)) return new BerthError('IN_USE', `Could not ${action} ${subject}: ${detail}.`, { cause: err });
  return base.code === 'NOT_FOUND' ? base : new BerthError(base.code, rpcMessage(base.message), { cause: err });
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "rpc error: code = FailedPrecondition desc = attempting to demote …" → "attempting to demote …". */
export function rpcMessage(message: string): string {
  return message.replace(/rpc error: code = \w+ desc = /g, '');
}

/** GET on the cluster state; refusals become sentences. */
export async function swarmGet<T>(api: Docker, path: string, subject: string): Promise<T> {
  try {
    return await getJson<T>(api, path);
  } catch (err) {
    throw await swarmError(api, err, subject, 'list');
  }
}

/**
 * Each engine's place in a swarm, kept while no node event arrives: every swarm page and the sidebar ask for it,
 * and a manager with hundreds of services takes tens of milliseconds to answer GET /info. Joining or leaving a
 * swarm sends no event on the engine itself, so it is read again after a few seconds whatever happens.
 */
const statuses = eventCache<SwarmStatus>({ types: ['node'], maxAgeMs: 3_000 });

export function swarmStatus(api: Docker): Promise<SwarmStatus> {
  return statuses.get(api, async () => {
    const info = await swarmInfo(api);
    const role = toSwarmStatus(info, { available: true, sentence: null }).role;
    return toSwarmStatus(info, role === 'none' ? { available: true, sentence: null } : await loadBalancing(api, info));
  });
}

export async function listNodes(api: Docker): Promise<SwarmNode[]> {
  const [nodes, tasks, info] = await Promise.all([
    swarmGet<RawNode[]>(api, '/nodes', 'the nodes'),
    swarmGet<RawTask[]>(api, RUNNING_TASKS, 'the tasks'),
    swarmInfo(api),
  ]);
  const running = countRunning(tasks, (t) => t.NodeID);
  const self = info.Swarm?.NodeID || null;
  return nodes
    .map((n) => toSwarmNode(n, running, self))
    .sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || a.hostname.localeCompare(b.hostname));
}

function mapServices(services: RawService[], tasks: RawTask[]): SwarmService[] {
  const counts = taskCounts(tasks);
  return services.map((s) => toSwarmService(s, counts.get(s.ID))).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Each manager's services list, kept current by service and node events. A task starts or fails on its node
 * without an event on the manager, so rows are read again after a second whatever happens.
 */
const services = eventCache<SwarmService[]>({ types: ['service', 'node'], maxAgeMs: 1_000 });

/** Berth changed the cluster, or saw tasks move: the next services list (and status) asks the engine. */
export const invalidateServices = (api: Docker): void => {
  services.invalidate(api);
  statuses.invalidate(api);
};

/** One GET /services and one GET /tasks, however many services there are; from the cache while it is true. */
export function listServices(api: Docker): Promise<SwarmService[]> {
  return services.get(api, async () => {
    const [raw, tasks] = await Promise.all([swarmGet<RawService[]>(api, '/services', 'the services'), swarmGet<RawTask[]>(api, RUNNING_TASKS, 'the tasks')]);
    return mapServices(raw, tasks);
  });
}

async function nameLookups(api: Docker): Promise<{ service: (id: string) => string; node: (id: string) => string | null; services: RawService[] }> {
  const [services, nodes] = await Promise.all([swarmGet<RawService[]>(api, '/services', 'the services'), swarmGet<RawNode[]>(api, '/nodes', 'the nodes')]);
  const serviceNames = new Map(services.map((s) => [s.ID, s.Spec.Name ?? s.ID]));
  const nodeNames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.Spec?.Name ?? n.ID]));
  return { service: (id) => serviceNames.get(id) ?? id, node: (id) => nodeNames.get(id) ?? null, services };
}

/** Tasks the engine wants running (the nodes × services matrix), of one service or all. */
export async function listTasks(api: Docker, service?: string): Promise<SwarmTask[]> {
  const filters: Record<string, string[]> = { 'desired-state': ['running'] };
  if (service) filters.service = [(await inspectRawService(api, service)).ID];
  const [tasks, names] = await Promise.all([swarmGet<RawTask[]>(api, `/tasks?${q(filters)}`, 'the tasks'), nameLookups(api)]);
  return tasks.map((t) => toSwarmTask(t, names.service, names.node)).sort(byNewest);
}

export async function inspectRawService(api: Docker, ref: string): Promise<RawService> {
  try {
    return await getJson<RawService>(api, `/services/${encodeURIComponent(ref)}`);
  } catch (err) {
    throw await swarmError(api, err, `service ${ref}`, 'inspect');
  }
}

export async function inspectService(api: Docker, ref: string): Promise<ServiceDetail> {
  const raw = await inspectRawService(api, ref);
  const [tasks, nodes, networks] = await Promise.all([
    swarmGet<RawTask[]>(api, `/tasks?${q({ service: [raw.ID] })}`, `the tasks of service ${raw.Spec.Name}`),
    swarmGet<RawNode[]>(api, '/nodes', 'the nodes'),
    swarmGet<RawNetwork[]>(api, '/networks', 'the networks'),
  ]);
  const nodeNames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.Spec?.Name ?? n.ID]));
  const netNames = new Map<string, string>();
  for (const n of networks) {
    netNames.set(n.Id, n.Name);
    netNames.set(n.Name, n.Name);
  }
  const name = raw.Spec.Name ?? raw.ID;
  // The service's own GET may have missed a task that started since: the counts come from the same list as the rows.
  const row = mapServices([raw], tasks)[0]!;
  return {
    ...row,
    update: withTaskError(row.update, tasks),
    spec: toServiceSpec(raw.Spec, (id) => netNames.get(id) ?? null),
    tasks: tasks.map((t) => toSwarmTask(t, () => name, (id) => nodeNames.get(id) ?? null)).sort(byNewest),
    canRollback: Boolean(raw.PreviousSpec),
  };
}

/**
 * A paused or rolled back update names the task that failed ("update paused due to failure or early termination of
 * task 8w3k…"): the sentence gets that task's own error ("No such image: …").
 */
export function withTaskError(update: SwarmService['update'], tasks: RawTask[]): SwarmService['update'] {
  const id = update?.message ? /task ([a-z0-9]{6,})/.exec(update.message)?.[1] : undefined;
  if (!update || !id) return update;
  // The engine keeps few old tasks per slot, and a failing one is retried: the named task may be gone, its newest
  // failing successor says the same.
  const failing = tasks.filter((t) => t.Status?.Err).sort((a, b) => (b.CreatedAt ?? '').localeCompare(a.CreatedAt ?? ''));
  const task = tasks.find((t) => t.ID === id || t.ID.startsWith(id)) ?? failing[0];
  const why = task?.Status?.Err || failing[0]?.Status?.Err;
  return why ? { ...update, message: `${(update.message ?? "").replace(/\.$/, '')}: ${why}.` } : update;
}

async function listObjects(api: Docker, kind: 'secrets' | 'configs'): Promise<{ objects: RawObject[]; services: RawService[] }> {
  const [objects, services] = await Promise.all([swarmGet<RawObject[]>(api, `/${kind}`, `the ${kind}`), swarmGet<RawService[]>(api, '/services', 'the services')]);
  return { objects, services };
}

export async function listSwarmObjects(api: Docker, kind: 'secrets' | 'configs'): Promise<SwarmObject[]> {
  const { objects, services } = await listObjects(api, kind);
  const users = usersOf(services, kind === 'secrets' ? 'Secrets' : 'Configs');
  return objects.map((o) => toSwarmObject(o, users.get(o.ID) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
}

export async function listOverlayNetworks(api: Docker): Promise<OverlayNetwork[]> {
  const [networks, services] = await Promise.all([
    swarmGet<RawNetwork[]>(api, `/networks?${q({ driver: ['overlay'] })}`, 'the networks'),
    swarmGet<RawService[]>(api, '/services', 'the services'),
  ]);
  return networks.map((n) => toOverlayNetwork(n, services)).sort((a, b) => Number(b.ingress) - Number(a.ingress) || a.name.localeCompare(b.name));
}

export async function listStacks(api: Docker): Promise<SwarmStack[]> {
  const [services, tasks, networks, secrets, configs] = await Promise.all([
    swarmGet<RawService[]>(api, '/services', 'the services'),
    swarmGet<RawTask[]>(api, RUNNING_TASKS, 'the tasks'),
    swarmGet<RawNetwork[]>(api, `/networks?${q({ driver: ['overlay'] })}`, 'the networks'),
    swarmGet<RawObject[]>(api, '/secrets', 'the secrets'),
    swarmGet<RawObject[]>(api, '/configs', 'the configs'),
  ]);
  return toStacks(mapServices(services, tasks), networks, secrets, configs);
}

/** Makes sure the engine is a manager before a change; its sentence otherwise. */
export async function requireManager(api: Docker): Promise<void> {
  const info = await swarmInfo(api);
  const sentence = notManagerSentence(info.Swarm);
  if (sentence) throw new BerthError('CONFLICT', sentence);
}
