// Swarm records as the engine gives them, and their mapping to the shapes in lib/swarm.ts: pure, unit-tested.
import type {
  NodeAvailability,
  OverlayNetwork,
  PublishedPort,
  ServiceMode,
  ServiceSpec,
  SwarmNode,
  SwarmObject,
  SwarmService,
  SwarmStack,
  SwarmStatus,
  SwarmTask,
  UpdateStatus,
} from '../../lib/swarm';

export const STACK_LABEL = 'com.docker.stack.namespace';

type Labels = Record<string, string> | null | undefined;

export interface RawInfoSwarm {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID?: string; Addr?: string }[] | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: { ID?: string } | null;
}

export interface RawNode {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Name?: string; Labels?: Labels; Role?: string; Availability?: string };
  Description?: { Hostname?: string; Resources?: { NanoCPUs?: number; MemoryBytes?: number }; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

interface RawUpdateConfig {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  Order?: string;
}

export interface RawServiceSpec {
  Name?: string;
  Labels?: Labels;
  Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number }; GlobalJob?: object };
  TaskTemplate?: {
    ContainerSpec?: {
      Image?: string;
      Env?: string[] | null;
      Command?: string[] | null;
      Args?: string[] | null;
      User?: string;
      Dir?: string;
      Mounts?: { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[] | null;
      Secrets?: { SecretID?: string; SecretName?: string; File?: { Name?: string } }[] | null;
      Configs?: { ConfigID?: string; ConfigName?: string; File?: { Name?: string } }[] | null;
      [key: string]: unknown;
    };
    Networks?: { Target?: string; Aliases?: string[] | null }[] | null;
    Placement?: { Constraints?: string[] | null; Preferences?: { Spread?: { SpreadDescriptor?: string } }[] | null; MaxReplicas?: number };
    Resources?: { Limits?: { NanoCPUs?: number; MemoryBytes?: number }; Reservations?: { NanoCPUs?: number; MemoryBytes?: number } };
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    ForceUpdate?: number;
    [key: string]: unknown;
  };
  UpdateConfig?: RawUpdateConfig | null;
  RollbackConfig?: RawUpdateConfig | null;
  Networks?: { Target?: string; Aliases?: string[] | null }[] | null;
  EndpointSpec?: { Mode?: string; Ports?: RawPort[] | null };
  [key: string]: unknown;
}

export interface RawService {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: RawServiceSpec;
  PreviousSpec?: RawServiceSpec | null;
  Endpoint?: { Ports?: RawPort[] | null; VirtualIPs?: { NetworkID?: string }[] | null };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string } | null;
}

export interface RawTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Status?: { State?: string; Message?: string; Err?: string; Timestamp?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
}

export interface RawObject {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Labels };
}

export interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Attachable?: boolean;
  Ingress?: boolean;
  Internal?: boolean;
  Labels?: Labels;
  IPAM?: { Config?: { Subnet?: string }[] | null };
}

const labels = (l: Labels): Record<string, string> => ({ ...(l ?? {}) });
const orNull = <T>(v: T | undefined | null | ''): T | null => (v === undefined || v === null || v === '' ? null : v);

export function toSwarmStatus(info: { Swarm?: RawInfoSwarm }, loadBalancing: SwarmStatus['loadBalancing']): SwarmStatus {
  const s = info.Swarm ?? {};
  const localState = s.LocalNodeState || 'inactive';
  const inSwarm = localState !== 'inactive' && localState !== '';
  const role = !inSwarm ? 'none' : s.ControlAvailable ? 'manager' : 'worker';
  return {
    role,
    localState,
    nodeId: orNull(s.NodeID),
    nodeAddr: orNull(s.NodeAddr),
    clusterId: orNull(s.Cluster?.ID),
    managers: (s.RemoteManagers ?? []).map((m) => m.Addr ?? '').filter(Boolean).sort(),
    nodeCount: role === 'manager' ? (s.Nodes ?? null) : null,
    managerCount: role === 'manager' ? (s.Managers ?? null) : null,
    error: orNull(s.Error),
    loadBalancing,
  };
}

/** Tasks the engine wants running and that run, counted per key (service or node). */
export function countRunning(tasks: RawTask[], key: (t: RawTask) => string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tasks) {
    if (t.DesiredState !== 'running' || t.Status?.State !== 'running') continue;
    const k = key(t);
    if (k) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export function toSwarmNode(n: RawNode, running: Map<string, number>, selfId: string | null): SwarmNode {
  const m = n.ManagerStatus;
  const cpus = n.Description?.Resources?.NanoCPUs;
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.Spec?.Name ?? n.ID,
    role: n.Spec?.Role === 'manager' ? 'manager' : 'worker',
    availability: (['active', 'pause', 'drain'].includes(n.Spec?.Availability ?? '') ? n.Spec!.Availability : 'active') as NodeAvailability,
    state: n.Status?.State ?? 'unknown',
    message: orNull(n.Status?.Message),
    addr: orNull(n.Status?.Addr),
    manager: m ? { leader: Boolean(m.Leader), reachability: m.Reachability ?? 'unknown', addr: m.Addr ?? '' } : null,
    engineVersion: orNull(n.Description?.Engine?.EngineVersion),
    cpus: cpus ? cpus / 1e9 : null,
    memoryBytes: orNull(n.Description?.Resources?.MemoryBytes),
    labels: labels(n.Spec?.Labels),
    tasksRunning: running.get(n.ID) ?? 0,
    self: n.ID === selfId,
    version: n.Version?.Index ?? 0,
  };
}

export function serviceMode(spec: RawServiceSpec): ServiceMode {
  const m = spec.Mode ?? {};
  if (m.Global) return 'global';
  if (m.ReplicatedJob) return 'replicated-job';
  if (m.GlobalJob) return 'global-job';
  return 'replicated';
}

/** The image as users wrote it: a digest the engine pinned after a tag is left out. */
export function displayImage(image: string | undefined): string {
  if (!image) return '';
  const at = image.indexOf('@');
  if (at < 0) return image;
  const name = image.slice(0, at);
  return /:[\w][\w.-]*$/.test(name.slice(name.lastIndexOf('/') + 1)) ? name : image;
}

function toPorts(ports: RawPort[] | null | undefined): PublishedPort[] {
  return (ports ?? []).map((p) => ({
    published: p.PublishedPort ? p.PublishedPort : null,
    target: p.TargetPort ?? 0,
    protocol: p.Protocol ?? 'tcp',
    mode: p.PublishMode ?? 'ingress',
  }));
}

function toUpdateStatus(u: RawService['UpdateStatus']): UpdateStatus | null {
  if (!u?.State) return null;
  return { state: u.State, message: orNull(u.Message), startedAt: orNull(u.StartedAt), completedAt: orNull(u.CompletedAt) };
}

/**
 * Per service: running tasks, and the tasks the engine wants running (what a global service or a job desires, as
 * `docker service ls` counts them). `tasks` are the ones whose desired state is running.
 */
export function taskCounts(tasks: RawTask[]): Map<string, { running: number; wanted: number }> {
  const out = new Map<string, { running: number; wanted: number }>();
  for (const t of tasks) {
    if (!t.ServiceID || t.DesiredState !== 'running') continue;
    let c = out.get(t.ServiceID);
    if (!c) out.set(t.ServiceID, (c = { running: 0, wanted: 0 }));
    c.wanted++;
    if (t.Status?.State === 'running') c.running++;
  }
  return out;
}

export function toSwarmService(s: RawService, counts: { running: number; wanted: number } | undefined): SwarmService {
  const mode = serviceMode(s.Spec);
  const desired =
    mode === 'replicated'
      ? (s.Spec.Mode?.Replicated?.Replicas ?? 1)
      : mode === 'replicated-job'
        ? (s.Spec.Mode?.ReplicatedJob?.MaxConcurrent ?? 1)
        : (counts?.wanted ?? 0);
  const l = labels(s.Spec.Labels);
  return {
    id: s.ID,
    name: s.Spec.Name ?? s.ID,
    mode,
    running: counts?.running ?? 0,
    desired,
    image: displayImage(s.Spec.TaskTemplate?.ContainerSpec?.Image),
    ports: toPorts(s.Endpoint?.Ports ?? s.Spec.EndpointSpec?.Ports),
    update: toUpdateStatus(s.UpdateStatus),
    stack: l[STACK_LABEL] ?? null,
    createdAt: s.CreatedAt ?? '',
    updatedAt: s.UpdatedAt ?? '',
    version: s.Version?.Index ?? 0,
    labels: l,
  };
}

export function toSwarmTask(t: RawTask, serviceName: (id: string) => string, nodeHostname: (id: string) => string | null): SwarmTask {
  const cs = t.Status?.ContainerStatus;
  const service = t.ServiceID ?? '';
  return {
    id: t.ID,
    serviceId: service,
    serviceName: serviceName(service),
    slot: t.Slot ? t.Slot : null,
    nodeId: orNull(t.NodeID),
    nodeHostname: t.NodeID ? nodeHostname(t.NodeID) : null,
    desiredState: t.DesiredState ?? '',
    state: t.Status?.State ?? '',
    message: orNull(t.Status?.Message),
    error: orNull(t.Status?.Err),
    exitCode: cs && typeof cs.ExitCode === 'number' && ['complete', 'failed', 'shutdown', 'rejected'].includes(t.Status?.State ?? '') ? cs.ExitCode : null,
    containerId: orNull(cs?.ContainerID),
    createdAt: t.CreatedAt ?? '',
    updatedAt: t.Status?.Timestamp ?? t.UpdatedAt ?? '',
  };
}

/** Newest first, as the service page lists them. */
export function byNewest(a: SwarmTask, b: SwarmTask): number {
  return b.createdAt.localeCompare(a.createdAt) || (a.slot ?? 0) - (b.slot ?? 0);
}

function toPolicy(u: RawUpdateConfig | null | undefined): ServiceSpec['updateConfig'] {
  if (!u) return null;
  return { parallelism: u.Parallelism ?? 1, delayNs: u.Delay ?? 0, failureAction: u.FailureAction ?? 'pause', order: u.Order ?? 'stop-first', monitorNs: u.Monitor ?? null };
}

export function toServiceSpec(spec: RawServiceSpec, networkName: (id: string) => string | null): ServiceSpec {
  const t = spec.TaskTemplate ?? {};
  const c = t.ContainerSpec ?? {};
  const nanoCpus = (n: number | undefined) => (n ? n / 1e9 : null);
  return {
    env: [...(c.Env ?? [])],
    command: c.Command?.length ? [...c.Command] : null,
    args: c.Args?.length ? [...c.Args] : null,
    user: orNull(c.User),
    workdir: orNull(c.Dir),
    mounts: (c.Mounts ?? []).map((m) => ({ type: m.Type ?? 'volume', source: orNull(m.Source), target: m.Target ?? '', readOnly: Boolean(m.ReadOnly) })),
    networks: (t.Networks ?? spec.Networks ?? []).map((n) => ({ id: n.Target ?? '', name: networkName(n.Target ?? ''), aliases: [...(n.Aliases ?? [])] })),
    secrets: (c.Secrets ?? []).map((s) => ({ id: s.SecretID ?? '', name: s.SecretName ?? '', target: s.File?.Name ?? s.SecretName ?? '' })),
    configs: (c.Configs ?? []).map((s) => ({ id: s.ConfigID ?? '', name: s.ConfigName ?? '', target: s.File?.Name ?? s.ConfigName ?? '' })),
    placement: {
      constraints: [...(t.Placement?.Constraints ?? [])],
      preferences: (t.Placement?.Preferences ?? []).map((p) => (p.Spread?.SpreadDescriptor ? `spread=${p.Spread.SpreadDescriptor}` : JSON.stringify(p))),
      maxReplicas: t.Placement?.MaxReplicas ? t.Placement.MaxReplicas : null,
    },
    resources: {
      limitCpus: nanoCpus(t.Resources?.Limits?.NanoCPUs),
      limitMemoryBytes: orNull(t.Resources?.Limits?.MemoryBytes),
      reserveCpus: nanoCpus(t.Resources?.Reservations?.NanoCPUs),
      reserveMemoryBytes: orNull(t.Resources?.Reservations?.MemoryBytes),
    },
    updateConfig: toPolicy(spec.UpdateConfig),
    rollbackConfig: toPolicy(spec.RollbackConfig),
    restartPolicy: t.RestartPolicy
      ? { condition: t.RestartPolicy.Condition ?? 'any', delayNs: t.RestartPolicy.Delay ?? null, maxAttempts: t.RestartPolicy.MaxAttempts ?? null, windowNs: t.RestartPolicy.Window ?? null }
      : null,
    endpointMode: spec.EndpointSpec?.Mode ?? 'vip',
  };
}

/** Networks a service is attached to, by id or name as its spec and endpoint give them. */
export function serviceNetworkRefs(s: RawService): string[] {
  const refs = new Set<string>();
  for (const n of s.Spec.TaskTemplate?.Networks ?? s.Spec.Networks ?? []) if (n.Target) refs.add(n.Target);
  for (const v of s.Endpoint?.VirtualIPs ?? []) if (v.NetworkID) refs.add(v.NetworkID);
  return [...refs];
}

export function toSwarmObject(o: RawObject, usedBy: { id: string; name: string }[]): SwarmObject {
  return { id: o.ID, name: o.Spec?.Name ?? o.ID, createdAt: o.CreatedAt ?? '', updatedAt: o.UpdatedAt ?? '', labels: labels(o.Spec?.Labels), usedBy };
}

/** Which services mount each secret (or config), by its id. */
export function usersOf(services: RawService[], kind: 'Secrets' | 'Configs'): Map<string, { id: string; name: string }[]> {
  const out = new Map<string, { id: string; name: string }[]>();
  for (const s of services) {
    const refs = s.Spec.TaskTemplate?.ContainerSpec?.[kind] as { SecretID?: string; ConfigID?: string }[] | null | undefined;
    for (const r of refs ?? []) {
      const id = r.SecretID ?? r.ConfigID;
      if (!id) continue;
      const list = out.get(id) ?? [];
      if (!list.some((u) => u.id === s.ID)) list.push({ id: s.ID, name: s.Spec.Name ?? s.ID });
      out.set(id, list);
    }
  }
  return out;
}

export function toOverlayNetwork(n: RawNetwork, services: RawService[]): OverlayNetwork {
  return {
    id: n.Id,
    name: n.Name,
    subnet: orNull(n.IPAM?.Config?.[0]?.Subnet),
    attachable: Boolean(n.Attachable),
    ingress: Boolean(n.Ingress),
    internal: Boolean(n.Internal),
    stack: n.Labels?.[STACK_LABEL] ?? null,
    services: services
      .filter((s) => serviceNetworkRefs(s).some((r) => r === n.Id || r === n.Name))
      .map((s) => ({ id: s.ID, name: s.Spec.Name ?? s.ID }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function toStacks(services: SwarmService[], networks: RawNetwork[], secrets: RawObject[], configs: RawObject[]): SwarmStack[] {
  const stacks = new Map<string, SwarmStack>();
  const stack = (name: string): SwarmStack => {
    let s = stacks.get(name);
    if (!s) stacks.set(name, (s = { name, services: [], networks: [], secrets: [], configs: [] }));
    return s;
  };
  for (const s of services) if (s.stack) stack(s.stack).services.push({ id: s.id, name: s.name, running: s.running, desired: s.desired });
  for (const n of networks) {
    const ns = n.Labels?.[STACK_LABEL];
    if (ns) stack(ns).networks.push(n.Name);
  }
  for (const [list, key] of [[secrets, 'secrets'], [configs, 'configs']] as const) {
    for (const o of list) {
      const ns = o.Spec?.Labels?.[STACK_LABEL];
      if (ns) stack(ns)[key].push(o.Spec?.Name ?? o.ID);
    }
  }
  const out = [...stacks.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const s of out) {
    s.services.sort((a, b) => a.name.localeCompare(b.name));
    s.networks.sort();
    s.secrets.sort();
    s.configs.sort();
  }
  return out;
}
