// Volume operations: list with the containers that use each, create, inspect, remove.
import type Docker from 'dockerode';
import { BerthError, toEngineError } from '../errors';
import { containerName } from './container-name';

export interface VolumeUser {
  id: string;
  name: string;
  state: string;
}

export interface VolumeRow {
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  created?: string;
  labels: { key: string; value: string }[];
  usedBy: VolumeUser[];
  anonymous: boolean;
}

export interface VolumeDetail extends VolumeRow {
  options: { key: string; value: string }[];
  raw: string;
}

function volumeUsers(containers: Docker.ContainerInfo[]): Map<string, VolumeUser[]> {
  const map = new Map<string, VolumeUser[]>();
  for (const c of containers) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      const list = map.get(m.Name) ?? [];
      list.push({ id: c.Id, name: containerName(c), state: c.State });
      map.set(m.Name, list);
    }
  }
  return map;
}

function toVolumeRow(v: Docker.VolumeInspectInfo & { CreatedAt?: string }, users: Map<string, VolumeUser[]>): VolumeRow {
  return {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    scope: v.Scope,
    created: v.CreatedAt,
    labels: Object.entries(v.Labels ?? {}).map(([key, value]) => ({ key, value })),
    usedBy: users.get(v.Name) ?? [],
    anonymous: /^[0-9a-f]{64}$/.test(v.Name),
  };
}

export async function listVolumes(api: Docker): Promise<VolumeRow[]> {
  try {
    const [vols, containers] = await Promise.all([api.listVolumes(), api.listContainers({ all: true })]);
    const users = volumeUsers(containers);
    return (vols.Volumes ?? []).map((v) => toVolumeRow(v, users)).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    throw toEngineError(err, 'volumes', 'list');
  }
}

export async function inspectVolume(api: Docker, name: string): Promise<VolumeDetail> {
  try {
    const [raw, containers] = await Promise.all([api.getVolume(name).inspect(), api.listContainers({ all: true })]);
    const row = toVolumeRow(raw, volumeUsers(containers));
    return {
      ...row,
      options: Object.entries((raw as { Options?: Record<string, string> }).Options ?? {}).map(([key, value]) => ({ key, value })),
      raw: JSON.stringify(raw, null, 2),
    };
  } catch (err) {
    throw toEngineError(err, `volume ${name}`, 'inspect');
  }
}

export async function createVolume(api: Docker, args: { name?: string; driver?: string; labels?: Record<string, string> }): Promise<{ name: string }> {
  if (args.name) {
    const exists = await api
      .getVolume(args.name)
      .inspect()
      .then(() => true)
      .catch(() => false);
    if (exists) throw new BerthError('CONFLICT', `A volume called ${args.name} already exists.`);
  }
  try {
    // dockerode answers with a Volume handle ({ name }), not the engine's record ({ Name }).
    const v = (await api.createVolume({ Name: args.name ?? '', Driver: args.driver ?? 'local', Labels: args.labels ?? {} })) as unknown as { name?: string; Name?: string };
    return { name: v.name ?? v.Name ?? args.name ?? '' };
  } catch (err) {
    throw toEngineError(err, `volume ${args.name ?? ''}`.trim(), 'create');
  }
}

export async function removeVolume(api: Docker, name: string, opts: { force?: boolean } = {}): Promise<void> {
  try {
    const containers = await api.listContainers({ all: true });
    const users = volumeUsers(containers).get(name);
    if (users?.length) {
      const names = users.map((u) => u.name).join(', ');
      throw new BerthError('IN_USE', `Volume ${name} is in use by ${users.length === 1 ? 'container' : 'containers'} ${names}: remove ${users.length === 1 ? 'it' : 'them'} first.`);
    }
    await api.getVolume(name).remove({ force: opts.force ?? false });
  } catch (err) {
    throw toEngineError(err, `volume ${name}`, 'remove');
  }
}
