// Network operations: list, inspect with attached containers, create, remove.
import type Docker from 'dockerode';
import { naturalCompare } from '../../lib/natural-sort';
import { BerthError, toEngineError } from '../errors';
import { containerName } from './container-name';

export interface NetworkRow {
  id: string;
  name: string;
  driver: string;
  scope: string;
  subnet: string;
  gateway: string;
  internal: boolean;
  attachable: boolean;
  created: string;
  containers: number;
  builtin: boolean;
}

export interface NetworkDetail extends NetworkRow {
  ipv6: boolean;
  labels: { key: string; value: string }[];
  /** Every container configured on it, stopped ones too (as the list counts them); addresses only while running. */
  attached: { id: string; name: string; ipv4: string; mac: string; state: string }[];
  raw: string;
}

const BUILTIN = new Set(['bridge', 'host', 'none']);

type RawNetwork = Docker.NetworkInspectInfo;

function toNetworkRow(n: RawNetwork): NetworkRow {
  const cfg = n.IPAM?.Config?.[0] as { Subnet?: string; Gateway?: string } | undefined;
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    subnet: cfg?.Subnet ?? '',
    gateway: cfg?.Gateway ?? '',
    internal: Boolean(n.Internal),
    attachable: Boolean(n.Attachable),
    created: n.Created,
    containers: Object.keys(n.Containers ?? {}).length,
    builtin: BUILTIN.has(n.Name),
  };
}

export async function listNetworks(api: Docker): Promise<NetworkRow[]> {
  try {
    const nets = (await api.listNetworks()) as RawNetwork[];
    // The list endpoint leaves Containers empty; count attachments from the containers themselves.
    const containers = await api.listContainers({ all: true });
    const counts = new Map<string, number>();
    for (const c of containers) {
      for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) {
        if (n.NetworkID) counts.set(n.NetworkID, (counts.get(n.NetworkID) ?? 0) + 1);
      }
    }
    return nets
      .map((n) => ({ ...toNetworkRow(n), containers: counts.get(n.Id) ?? 0 }))
      .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.name.localeCompare(b.name));
  } catch (err) {
    throw toEngineError(err, 'networks', 'list');
  }
}

export async function inspectNetwork(api: Docker, ref: string): Promise<NetworkDetail> {
  try {
    const [raw, containers] = await Promise.all([api.getNetwork(ref).inspect() as Promise<RawNetwork>, api.listContainers({ all: true })]);
    const live = raw.Containers ?? {};
    const attached = containers
      .filter((c) => Object.values(c.NetworkSettings?.Networks ?? {}).some((n) => n.NetworkID === raw.Id))
      .map((c) => ({ id: c.Id, name: containerName(c), ipv4: live[c.Id]?.IPv4Address ?? '', mac: live[c.Id]?.MacAddress ?? '', state: c.State }))
      .sort((a, b) => naturalCompare(a.name, b.name));
    return {
      ...toNetworkRow(raw),
      containers: attached.length,
      ipv6: Boolean(raw.EnableIPv6),
      labels: Object.entries(raw.Labels ?? {}).map(([key, value]) => ({ key, value })),
      attached,
      raw: JSON.stringify(raw, null, 2),
    };
  } catch (err) {
    throw toEngineError(err, `network ${ref}`, 'inspect');
  }
}

export async function createNetwork(
  api: Docker,
  args: { name: string; driver?: string; subnet?: string; gateway?: string; internal?: boolean; attachable?: boolean },
): Promise<{ id: string; name: string }> {
  const existing = (await api.listNetworks({ filters: { name: [args.name] } }).catch(() => [])) as RawNetwork[];
  if (existing.some((n) => n.Name === args.name)) throw new BerthError('CONFLICT', `A network called ${args.name} already exists.`);
  try {
    const net = await api.createNetwork({
      Name: args.name,
      Driver: args.driver ?? 'bridge',
      CheckDuplicate: true,
      Internal: args.internal ?? false,
      Attachable: args.attachable ?? false,
      ...(args.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: args.subnet, ...(args.gateway ? { Gateway: args.gateway } : {}) }] } } : {}),
    });
    return { id: net.id, name: args.name };
  } catch (err) {
    throw toEngineError(err, `network ${args.name}`, 'create');
  }
}

export async function removeNetwork(api: Docker, ref: string): Promise<void> {
  let detail: NetworkDetail | undefined;
  try {
    detail = await inspectNetwork(api, ref);
  } catch (err) {
    throw err instanceof BerthError ? err : toEngineError(err, `network ${ref}`, 'remove');
  }
  if (detail.builtin) throw new BerthError('CONFLICT', `Network ${detail.name} is built into Docker and cannot be removed.`);
  // The engine refuses while a container's endpoint is up; stopped containers only keep it in their configuration.
  const using = detail.attached.filter((a) => a.state === 'running' || a.state === 'paused' || a.state === 'restarting');
  if (using.length) {
    const names = using.map((a) => a.name).join(', ');
    throw new BerthError('IN_USE', `Network ${detail.name} is in use by ${using.length === 1 ? 'container' : 'containers'} ${names}: disconnect or remove ${using.length === 1 ? 'it' : 'them'} first.`);
  }
  try {
    await api.getNetwork(ref).remove();
  } catch (err) {
    throw toEngineError(err, `network ${detail.name}`, 'remove');
  }
}
