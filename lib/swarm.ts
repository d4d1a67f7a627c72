// What the swarm procedures return: one set of shapes for the server (server/routers/swarm.ts) and the pages
// (components/swarm/). Times are ISO strings as the engine gives them; sizes are bytes; CPUs are whole CPUs.

/** How an engine stands in a swarm, from `GET /info` (`Swarm.LocalNodeState`, `Swarm.ControlAvailable`). */
export type SwarmRole = 'manager' | 'worker' | 'none';

export interface SwarmStatus {
  role: SwarmRole;
  /** `Swarm.LocalNodeState`: inactive, pending, active, error, locked. */
  localState: string;
  nodeId: string | null;
  nodeAddr: string | null;
  clusterId: string | null;
  /** The managers this engine knows (`Swarm.RemoteManagers[].Addr`): what a worker tells the user to connect to. */
  managers: string[];
  /** Nodes and managers the engine counts (`Swarm.Nodes`, `Swarm.Managers`); null on a worker. */
  nodeCount: number | null;
  managerCount: number | null;
  /** `Swarm.Error` when the engine reports one. */
  error: string | null;
  /** Whether published ports reach services through the routing mesh and VIPs; when not, a sentence saying why and what works. */
  loadBalancing: { available: boolean; sentence: string | null };
}

export type NodeRole = 'manager' | 'worker';
export type NodeAvailability = 'active' | 'pause' | 'drain';

export interface SwarmNode {
  id: string;
  hostname: string;
  role: NodeRole;
  availability: NodeAvailability;
  /** `Status.State`: ready, down, disconnected, unknown. */
  state: string;
  /** `Status.Message`, when the engine gives one. */
  message: string | null;
  addr: string | null;
  /** Set on managers: the leader, and the reachability the raft reports. */
  manager: { leader: boolean; reachability: string; addr: string } | null;
  engineVersion: string | null;
  cpus: number | null;
  memoryBytes: number | null;
  /** Node labels (the ones users edit), masked for viewers like every label. */
  labels: Record<string, string>;
  /** Tasks with desired and current state running on this node. */
  tasksRunning: number;
  /** This is the node Berth is connected to. */
  self: boolean;
  /** `Version.Index`, sent back with updates so a concurrent change is refused rather than overwritten. */
  version: number;
}

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export interface PublishedPort {
  published: number | null;
  target: number;
  protocol: string;
  /** ingress (routing mesh) or host. */
  mode: string;
}

export interface UpdateStatus {
  /** `UpdateStatus.State`: updating, paused, completed, rollback_started, rollback_paused, rollback_completed. */
  state: string;
  message: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface SwarmService {
  id: string;
  name: string;
  mode: ServiceMode;
  /** Tasks running now and tasks wanted (for global: one per eligible node). */
  running: number;
  desired: number;
  image: string;
  ports: PublishedPort[];
  update: UpdateStatus | null;
  /** `com.docker.stack.namespace`, when the service belongs to a stack. */
  stack: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  labels: Record<string, string>;
}

export interface SwarmTask {
  id: string;
  serviceId: string;
  serviceName: string;
  /** Replicated services number their tasks; global ones run one per node. */
  slot: number | null;
  nodeId: string | null;
  nodeHostname: string | null;
  desiredState: string;
  /** `Status.State`: new, pending, assigned, accepted, preparing, starting, running, complete, failed, shutdown, rejected, orphaned, remove. */
  state: string;
  message: string | null;
  error: string | null;
  exitCode: number | null;
  containerId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceMount {
  type: string;
  source: string | null;
  target: string;
  readOnly: boolean;
}

export interface ServiceSpec {
  /** `KEY=value` rows; values of secret-looking keys are masked for viewers. */
  env: string[];
  command: string[] | null;
  args: string[] | null;
  user: string | null;
  workdir: string | null;
  mounts: ServiceMount[];
  networks: { id: string; name: string | null; aliases: string[] }[];
  secrets: { id: string; name: string; target: string }[];
  configs: { id: string; name: string; target: string }[];
  placement: { constraints: string[]; preferences: string[]; maxReplicas: number | null };
  resources: { limitCpus: number | null; limitMemoryBytes: number | null; reserveCpus: number | null; reserveMemoryBytes: number | null };
  updateConfig: { parallelism: number; delayNs: number; failureAction: string; order: string; monitorNs: number | null } | null;
  rollbackConfig: { parallelism: number; delayNs: number; failureAction: string; order: string; monitorNs: number | null } | null;
  restartPolicy: { condition: string; delayNs: number | null; maxAttempts: number | null; windowNs: number | null } | null;
  /** vip or dnsrr. */
  endpointMode: string;
}

export interface ServiceDetail extends SwarmService {
  spec: ServiceSpec;
  /** Every task the engine still keeps for the service, newest first. */
  tasks: SwarmTask[];
  /** Whether the engine keeps a previous spec, so Rollback can do something. */
  canRollback: boolean;
}

export interface SwarmStack {
  name: string;
  services: { id: string; name: string; running: number; desired: number }[];
  networks: string[];
  secrets: string[];
  configs: string[];
}

/** A secret or a config: never its data. */
export interface SwarmObject {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  labels: Record<string, string>;
  /** Services that mount it. */
  usedBy: { id: string; name: string }[];
}

export interface OverlayNetwork {
  id: string;
  name: string;
  subnet: string | null;
  attachable: boolean;
  ingress: boolean;
  internal: boolean;
  stack: string | null;
  services: { id: string; name: string }[];
}

export interface JoinTokens {
  worker: { token: string; command: string };
  manager: { token: string; command: string };
}
