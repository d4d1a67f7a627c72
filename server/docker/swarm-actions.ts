// Swarm changes on a manager: nodes, services (always sent with the version they were read at, the rest of the
// spec intact), stacks, secrets and configs, join tokens. Refusals become sentences.
import type Docker from 'dockerode';
import type { JoinTokens, NodeAvailability, NodeRole } from '../../lib/swarm';
import { getJson } from '../engines/wire';
import { BerthError } from '../errors';
import { inspectRawService, invalidateServices, swarmError, swarmGet, swarmInfo } from './swarm';
import { type RawNetwork, type RawNode, type RawObject, type RawService, type RawServiceSpec, STACK_LABEL, serviceMode } from './swarm-map';

/** The engine's limit on a secret's or a config's data (swarmkit's MaxSecretSize and MaxConfigSize). */
export const MAX_OBJECT_BYTES = 500 * 1024;

interface Modem {
  dial(opts: Record<string, unknown>, cb: (err: unknown, data: unknown) => void): void;
}

/** A call with a JSON body (or none); `query` becomes the query string. */
export function engineCall<T = unknown>(
  api: Docker,
  method: 'POST' | 'DELETE',
  path: string,
  opts: { query?: Record<string, unknown>; body?: unknown; authconfig?: unknown } = {},
): Promise<T> {
  const options: Record<string, unknown> = { _query: opts.query ?? {} };
  if (opts.body !== undefined) options._body = opts.body;
  return new Promise((resolve, reject) => {
    (api.modem as unknown as Modem).dial(
      {
        path: `${path}?`,
        method,
        options,
        authconfig: opts.authconfig,
        allowEmpty: true,
        statusCodes: { 200: true, 201: true, 204: true, 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error', 503: 'not a manager' },
      },
      (err, data) => (err ? reject(err) : resolve(data as T)),
    );
  });
}

async function act<T>(api: Docker, subject: string, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw await swarmError(api, err, subject, action);
  } finally {
    invalidateServices(api);
  }
}

// ---------------------------------------------------------------- nodes

export interface NodeChange {
  availability?: NodeAvailability;
  role?: NodeRole;
  labels?: Record<string, string>;
}

export async function updateNode(api: Docker, id: string, version: number, change: NodeChange): Promise<void> {
  const node = await act(api, `node ${id}`, 'update', () => getJson<RawNode>(api, `/nodes/${encodeURIComponent(id)}`));
  const name = node.Description?.Hostname ?? node.ID;
  // The engine would accept it, and a manager that cannot vote counts against the quorum at once: with one manager
  // up, promoting a down node leaves the swarm without a majority.
  if (change.role === 'manager' && node.Spec?.Role !== 'manager' && node.Status?.State === 'down') {
    throw new BerthError('CONFLICT', `Could not promote node ${name}: it is down, and a manager that cannot vote counts against the swarm's quorum. Start its engine first, or remove the node.`);
  }
  const spec = { ...node.Spec };
  if (change.availability) spec.Availability = change.availability;
  if (change.role) spec.Role = change.role;
  if (change.labels) spec.Labels = change.labels;
  await act(api, `node ${name}`, 'update', () => engineCall(api, 'POST', `/nodes/${encodeURIComponent(node.ID)}/update`, { query: { version }, body: spec }));
}

export async function removeNode(api: Docker, id: string): Promise<void> {
  const node = await act(api, `node ${id}`, 'remove', () => getJson<RawNode>(api, `/nodes/${encodeURIComponent(id)}`));
  const name = node.Description?.Hostname ?? node.ID;
  await act(api, `node ${name}`, 'remove', () => engineCall(api, 'DELETE', `/nodes/${encodeURIComponent(node.ID)}`));
}

// ---------------------------------------------------------------- services

export interface UpdateResult {
  ok: true;
  /** What the engine warned about (an image it could not look up on its registry, say). */
  warnings: string[];
}

/**
 * Reads the service, lets `change` edit its spec (or refuse), and sends it back with the version it was read at:
 * a change made in between is refused by the engine rather than overwritten.
 */
export async function updateService(
  api: Docker,
  ref: string,
  action: string,
  change: (spec: RawServiceSpec, service: RawService) => void,
  opts: { rollback?: boolean; authconfig?: unknown } = {},
): Promise<UpdateResult> {
  const service = await inspectRawService(api, ref);
  const spec = structuredClone(service.Spec);
  change(spec, service);
  const query: Record<string, unknown> = { version: service.Version?.Index ?? 0 };
  if (opts.rollback) query.rollback = 'previous';
  const res = await act(api, `service ${service.Spec.Name}`, action, () =>
    engineCall<{ Warnings?: string[] | null }>(api, 'POST', `/services/${encodeURIComponent(service.ID)}/update`, { query, body: spec, authconfig: opts.authconfig }),
  );
  return { ok: true, warnings: res?.Warnings ?? [] };
}

export function scaleService(api: Docker, ref: string, replicas: number): Promise<UpdateResult> {
  return updateService(api, ref, 'scale', (spec) => {
    const mode = serviceMode(spec);
    if (mode !== 'replicated') {
      throw new BerthError(
        'BAD_REQUEST',
        mode === 'global'
          ? `Service ${spec.Name} is global: it runs one task on every eligible node and cannot be scaled.`
          : `Service ${spec.Name} is a job (${mode}): jobs cannot be scaled.`,
      );
    }
    spec.Mode = { ...spec.Mode, Replicated: { Replicas: replicas } };
  });
}

export function updateServiceImage(api: Docker, ref: string, image: string, authconfig?: unknown): Promise<UpdateResult> {
  return updateService(
    api,
    ref,
    'update the image of',
    (spec) => {
      spec.TaskTemplate = { ...spec.TaskTemplate, ContainerSpec: { ...spec.TaskTemplate?.ContainerSpec, Image: image } };
    },
    { authconfig },
  );
}

export function forceRestartService(api: Docker, ref: string): Promise<UpdateResult> {
  return updateService(api, ref, 'restart', (spec) => {
    spec.TaskTemplate = { ...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1 };
  });
}

export function rollbackService(api: Docker, ref: string): Promise<UpdateResult> {
  return updateService(
    api,
    ref,
    'roll back',
    (spec, service) => {
      if (!service.PreviousSpec) throw new BerthError('CONFLICT', `Service ${spec.Name} has no previous version to roll back to.`);
    },
    { rollback: true },
  );
}

export async function removeService(api: Docker, ref: string): Promise<void> {
  const service = await inspectRawService(api, ref);
  await act(api, `service ${service.Spec.Name}`, 'remove', () => engineCall(api, 'DELETE', `/services/${encodeURIComponent(service.ID)}`));
}

// ---------------------------------------------------------------- stacks

const byStack = (name: string): string => `filters=${encodeURIComponent(JSON.stringify({ label: [`${STACK_LABEL}=${name}`] }))}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Networks stay in use until the removed services' tasks are gone: retried this long, as `docker stack rm` leaves them. */
const NETWORK_WAIT_MS = 20_000;

export interface StackRemoval {
  services: string[];
  networks: string[];
  secrets: string[];
  configs: string[];
}

/** Services first, then the networks (once their tasks are gone), secrets and configs labelled with the stack's namespace. */
export async function removeStack(api: Docker, name: string): Promise<StackRemoval> {
  const [services, networks, secrets, configs] = await Promise.all([
    swarmGet<RawService[]>(api, `/services?${byStack(name)}`, 'the services'),
    swarmGet<RawNetwork[]>(api, `/networks?${byStack(name)}`, 'the networks'),
    swarmGet<RawObject[]>(api, `/secrets?${byStack(name)}`, 'the secrets'),
    swarmGet<RawObject[]>(api, `/configs?${byStack(name)}`, 'the configs'),
  ]);
  if (!services.length && !networks.length && !secrets.length && !configs.length) throw new BerthError('NOT_FOUND', `There is no stack called ${name} on this swarm.`);
  const done: StackRemoval = { services: [], networks: [], secrets: [], configs: [] };
  for (const s of services) {
    await act(api, `service ${s.Spec.Name}`, 'remove', () => engineCall(api, 'DELETE', `/services/${encodeURIComponent(s.ID)}`));
    done.services.push(s.Spec.Name ?? s.ID);
  }
  for (const n of networks) {
    const deadline = Date.now() + NETWORK_WAIT_MS;
    for (;;) {
      try {
        await engineCall(api, 'DELETE', `/networks/${encodeURIComponent(n.Id)}`);
        break;
      } catch (err) {
        const error = await swarmError(api, err, `network ${n.Name}`, 'remove');
        if (error.code === 'NOT_FOUND') break;
        if (Date.now() > deadline || !/in use|active endpoints/i.test(error.message)) throw error;
        await sleep(500);
      }
    }
    done.networks.push(n.Name);
  }
  for (const [list, kind] of [[secrets, 'secrets'], [configs, 'configs']] as const) {
    for (const o of list) {
      const label = o.Spec?.Name ?? o.ID;
      await act(api, `${kind.slice(0, -1)} ${label}`, 'remove', () => engineCall(api, 'DELETE', `/${kind}/${encodeURIComponent(o.ID)}`));
      done[kind].push(label);
    }
  }
  return done;
}

// ---------------------------------------------------------------- secrets and configs

export async function createObject(api: Docker, kind: 'secret' | 'config', args: { name: string; data: string; labels?: Record<string, string> }): Promise<{ id: string }> {
  const data = Buffer.from(args.data, 'utf8');
  if (data.length > MAX_OBJECT_BYTES) throw new BerthError('PAYLOAD_TOO_LARGE', `A ${kind}'s data must be at most 500 KB; this one is ${Math.ceil(data.length / 1024)} KB.`);
  const res = await act(api, `${kind} ${args.name}`, 'create', () =>
    engineCall<{ ID: string }>(api, 'POST', `/${kind}s/create`, { body: { Name: args.name, Labels: args.labels ?? {}, Data: data.toString('base64') } }),
  );
  return { id: res.ID };
}

export async function removeObject(api: Docker, kind: 'secret' | 'config', ref: string): Promise<void> {
  await act(api, `${kind} ${ref}`, 'remove', () => engineCall(api, 'DELETE', `/${kind}s/${encodeURIComponent(ref)}`));
}

// ---------------------------------------------------------------- join tokens

export async function joinTokens(api: Docker): Promise<JoinTokens> {
  const [swarm, info] = await Promise.all([swarmGet<{ JoinTokens?: { Worker?: string; Manager?: string } }>(api, '/swarm', 'the swarm'), swarmInfo(api)]);
  const self = info.Swarm?.RemoteManagers?.find((m) => m.NodeID === info.Swarm?.NodeID)?.Addr ?? `${info.Swarm?.NodeAddr ?? 'MANAGER'}:2377`;
  const line = (token: string) => ({ token, command: `docker swarm join --token ${token} ${self}` });
  if (!swarm.JoinTokens?.Worker || !swarm.JoinTokens.Manager) throw new BerthError('ENGINE_ERROR', 'The engine gave no join tokens.');
  return { worker: line(swarm.JoinTokens.Worker), manager: line(swarm.JoinTokens.Manager) };
}
