// Cleanup with a preview: exactly what a prune would remove, then removal item by item, each re-checked first.
import type Docker from 'dockerode';
import { toEngineError } from '../errors';
import { type DiskUsage, diskUsage } from './disk';

export interface PruneOptions {
  /** "dangling": untagged images only; "unused": every image no remaining container uses; "none": keep images. */
  images: 'none' | 'dangling' | 'unused';
  /** Stopped containers created at least this many hours ago; null keeps containers. */
  containersOlderThanHours: number | null;
  /** Volumes hold data: only when ticked. */
  volumes: boolean;
  networks: boolean;
  buildCache: boolean;
}

export type PruneKind = 'container' | 'image' | 'volume' | 'network' | 'buildCache';

export interface PruneItem {
  kind: PruneKind;
  id: string;
  name: string;
  size: number;
}

export interface PrunePreview {
  items: PruneItem[];
  bytes: number;
}

export interface PruneResult {
  removed: PruneItem[];
  skipped: (PruneItem & { reason: string })[];
  failed: (PruneItem & { reason: string })[];
  /** Measured: usage before minus usage after. */
  freed: number;
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'ingress', 'docker_gwbridge']);

export async function prunePreview(api: Docker, opts: PruneOptions): Promise<PrunePreview> {
  const df = await diskUsage(api, { fresh: true });
  return planPrune(df, opts, await api.listNetworks().catch(() => []), Date.now());
}

/** Pure planning from a df snapshot, so what is shown is exactly what will be attempted. */
export function planPrune(df: DiskUsage, opts: PruneOptions, networks: Docker.NetworkInspectInfo[], now: number): PrunePreview {
  const items: PruneItem[] = [];
  const cutoff = opts.containersOlderThanHours === null ? null : now / 1000 - opts.containersOlderThanHours * 3600;
  const goingContainers = new Set(
    cutoff === null ? [] : df.containers.filter((c) => ['exited', 'created', 'dead'].includes(c.state) && c.created <= cutoff).map((c) => c.id),
  );
  for (const c of df.containers) if (goingContainers.has(c.id)) items.push({ kind: 'container', id: c.id, name: c.name, size: c.sizeRw });
  const remaining = df.containers.filter((c) => !goingContainers.has(c.id));
  if (opts.images !== 'none') {
    const usedImages = new Set(remaining.map((c) => c.imageId));
    for (const i of df.images) {
      if (usedImages.has(i.id) || (opts.images === 'dangling' && i.tags.length > 0)) continue;
      items.push({ kind: 'image', id: i.id, name: i.tags[0] ?? i.id.replace('sha256:', '').slice(0, 12), size: i.uniqueSize });
    }
  }
  if (opts.volumes) {
    const usedVolumes = new Set(remaining.flatMap((c) => c.volumes));
    const listed = new Set(df.containers.flatMap((c) => c.volumes));
    for (const v of df.volumes) {
      // A volume the engine counts as linked but no container lists is kept: when in doubt, data stays.
      if (usedVolumes.has(v.name) || (v.links > 0 && !listed.has(v.name))) continue;
      items.push({ kind: 'volume', id: v.name, name: v.name, size: v.size });
    }
  }
  if (opts.networks) {
    for (const n of networks) {
      if (BUILTIN_NETWORKS.has(n.Name) || Object.keys(n.Containers ?? {}).length > 0) continue;
      items.push({ kind: 'network', id: n.Id, name: n.Name, size: 0 });
    }
  }
  if (opts.buildCache) for (const b of df.buildCache) if (!b.inUse && !b.shared) items.push({ kind: 'buildCache', id: b.id, name: b.description || b.id, size: b.size });
  return { items, bytes: items.reduce((n, i) => n + i.size, 0) };
}

/** Why an item must not be removed now, or null when it still may be. */
async function stillRemovable(api: Docker, item: PruneItem, opts: { cutoff: number | null }): Promise<string | null> {
  if (item.kind === 'container') {
    const c = await api.getContainer(item.id).inspect();
    if (c.State.Running || c.State.Paused || c.State.Restarting) return `container ${item.name} is running now`;
    if (opts.cutoff !== null && Date.parse(c.Created) / 1000 > opts.cutoff) return `container ${item.name} is newer than the chosen age`;
    return null;
  }
  if (item.kind === 'image') {
    const users = await api.listContainers({ all: true, filters: { ancestor: [item.id] } });
    return users.length ? `image ${item.name} is used by ${users.map((u) => (u.Names[0] ?? u.Id).replace(/^\//, '')).join(', ')} now` : null;
  }
  if (item.kind === 'volume') {
    const users = await api.listContainers({ all: true, filters: { volume: [item.id] } });
    return users.length ? `volume ${item.name} is used by ${users.map((u) => (u.Names[0] ?? u.Id).replace(/^\//, '')).join(', ')} now` : null;
  }
  if (item.kind === 'network') {
    const n = (await api.getNetwork(item.id).inspect()) as { Containers?: Record<string, unknown> };
    return Object.keys(n.Containers ?? {}).length ? `network ${item.name} has containers attached now` : null;
  }
  return null;
}

async function removeOne(api: Docker, item: PruneItem): Promise<void> {
  switch (item.kind) {
    case 'container':
      return api.getContainer(item.id).remove({ v: false });
    case 'image':
      await api.getImage(item.id).remove({ force: false, noprune: false });
      return;
    case 'volume':
      return api.getVolume(item.id).remove();
    case 'network':
      return api.getNetwork(item.id).remove();
    case 'buildCache':
      await new Promise<void>((resolve, reject) =>
        (api.modem as unknown as { dial(o: object, cb: (e: unknown) => void): void }).dial(
          { path: '/build/prune?', method: 'POST', options: { filters: JSON.stringify({ id: [item.id] }) }, statusCodes: { 200: true, 500: 'server error' } },
          (e) => (e ? reject(e) : resolve()),
        ),
      );
  }
}

/** Removes the previewed items in a safe order, re-checking each; nothing in use is removed. */
export async function prune(api: Docker, items: PruneItem[], opts: { containersOlderThanHours: number | null }): Promise<PruneResult> {
  const before = (await diskUsage(api, { fresh: true })).totals.size;
  const cutoff = opts.containersOlderThanHours === null ? null : Date.now() / 1000 - opts.containersOlderThanHours * 3600;
  const order: PruneKind[] = ['container', 'image', 'volume', 'network', 'buildCache'];
  const result: PruneResult = { removed: [], skipped: [], failed: [], freed: 0 };
  for (const kind of order) {
    for (const item of items.filter((i) => i.kind === kind)) {
      try {
        const reason = await stillRemovable(api, item, { cutoff });
        if (reason) {
          result.skipped.push({ ...item, reason: `Skipped: ${reason}.` });
          continue;
        }
        await removeOne(api, item);
        result.removed.push(item);
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 404) result.skipped.push({ ...item, reason: `Skipped: ${item.name} is already gone.` });
        else result.failed.push({ ...item, reason: toEngineError(err, `${item.kind === 'buildCache' ? 'build cache entry' : item.kind} ${item.name}`, 'remove').message });
      }
    }
  }
  const after = (await diskUsage(api, { fresh: true })).totals.size;
  result.freed = Math.max(0, before - after);
  return result;
}
