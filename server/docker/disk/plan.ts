// Cleanup preview: exactly which containers, images, volumes, networks and cache entries a prune would remove, and what that frees.
import type Docker from 'dockerode';
import { toEngineError } from '../../errors';
import { type DiskUsage } from './usage';
import { diskUsage } from './cache';
import { type ImageNode, imageGraph, imageLayerSizes } from './layers';

export interface PruneOptions {
  /** "dangling": untagged images only; "unused": every image no remaining container uses; "none": keep images. */
  images: 'none' | 'dangling' | 'unused';
  /** Stopped containers created at least this many hours ago; null keeps containers. */
  containersOlderThanHours: number | null;
  /** Volumes hold data: only when asked for. */
  volumes: boolean;
  networks: boolean;
  buildCache: boolean;
}

export type PruneKind = 'container' | 'image' | 'volume' | 'network' | 'buildCache';
export const PRUNE_ORDER: PruneKind[] = ['container', 'image', 'volume', 'network', 'buildCache'];

export interface PruneItem {
  kind: PruneKind;
  id: string;
  name: string;
  /** What removing it frees, shared layers counted once across the whole list. */
  size: number;
  detail: string;
  /** Images: the tags it had when previewed; a tag added since means someone wants it. */
  tags?: string[];
}

export interface PrunePreview {
  items: PruneItem[];
  bytes: number;
  /** True when some image sizes could not be told apart layer by layer: bytes is then a lower bound. */
  approximate: boolean;
  byKind: Record<PruneKind, { count: number; bytes: number }>;
  /** Containers created before this (Unix seconds) are old enough; null when containers are kept. */
  cutoff: number | null;
  snapshotAt: number;
}

export interface NetworkSummary {
  Id: string;
  Name: string;
  Scope?: string;
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'ingress', 'docker_gwbridge']);
const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** Images to remove, children before parents, with what each frees (a layer is freed once no remaining image holds it). */
async function planImages(df: DiskUsage, graph: Map<string, ImageNode>, used: Set<string>, mode: 'dangling' | 'unused', sizesOf: (n: ImageNode) => Promise<number[] | null>) {
  const listed = new Map(df.images.map((i) => [i.id, i]));
  const children = new Map<string, string[]>();
  for (const n of graph.values()) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const going = new Set(df.images.filter((i) => graph.has(i.id) && !used.has(i.id) && (mode === 'unused' || i.tags.length === 0)).map((i) => i.id));
  // An image with a child that stays cannot be removed (the engine refuses): keep it, and so on up.
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of going) if ((children.get(id) ?? []).some((c) => !going.has(c))) (going.delete(id), (changed = true));
  }
  // Untagged intermediate parents (the classic builder's steps) go with their last child, as the engine would take them.
  const parentOf = new Map<string, string>();
  for (const id of [...going]) {
    for (let p = graph.get(id)?.parentId, child = id; p && !listed.has(p) && !going.has(p); child = p, p = graph.get(p)?.parentId) {
      const node = graph.get(p);
      if (!node || node.tags.length || used.has(p) || (children.get(p) ?? []).some((c) => !going.has(c))) break;
      going.add(p);
      parentOf.set(p, child);
    }
  }
  const depth = (id: string) => {
    let d = 0;
    for (let p = graph.get(id)?.parentId; p && d < 1000; p = graph.get(p)?.parentId) d++;
    return d;
  };
  const order = [...going].sort((a, b) => depth(b) - depth(a) || a.localeCompare(b));
  // Layers held by images that stay are not freed; the rest count once, for the first image that holds them.
  const kept = new Set<string>();
  for (const n of graph.values()) if (!going.has(n.id)) for (const c of n.chain) kept.add(c);
  const counted = new Set<string>();
  let approximate = false;
  const items: PruneItem[] = [];
  for (const id of order) {
    const node = graph.get(id)!;
    const img = listed.get(id);
    const layerSizes = await sizesOf(node);
    let size = 0;
    if (layerSizes) {
      node.chain.forEach((c, k) => {
        if (!kept.has(c) && !counted.has(c)) size += layerSizes[k] ?? 0;
      });
    } else {
      approximate = true;
      size = img?.uniqueSize ?? 0;
    }
    for (const c of node.chain) if (!kept.has(c)) counted.add(c);
    const name = img?.tags[0] ?? short(id);
    const detail = img
      ? img.tags.length
        ? `${img.tags.length > 1 ? `tags ${img.tags.join(', ')}; ` : ''}no container uses it`
        : 'untagged (dangling), no container uses it'
      : `untagged parent of ${listed.get(parentOf.get(id) ?? '')?.tags[0] ?? short(parentOf.get(id) ?? '')}`;
    items.push({ kind: 'image', id, name, size, detail, tags: img?.tags ?? node.tags });
  }
  return { items, approximate };
}

/** Pure planning from one snapshot, so what is shown is exactly what will be attempted. */
export async function planPrune(
  data: { df: DiskUsage; graph: Map<string, ImageNode> | null; networks: NetworkSummary[] },
  opts: PruneOptions,
  now: number,
  sizesOf: (n: ImageNode) => Promise<number[] | null>,
): Promise<PrunePreview> {
  const { df } = data;
  const items: PruneItem[] = [];
  let approximate = false;
  const cutoff = opts.containersOlderThanHours === null ? null : Math.floor(now / 1000 - opts.containersOlderThanHours * 3600);
  const going = new Set(cutoff === null ? [] : df.containers.filter((c) => ['exited', 'created', 'dead'].includes(c.state) && c.created <= cutoff).map((c) => c.id));
  for (const c of df.containers) if (going.has(c.id)) items.push({ kind: 'container', id: c.id, name: c.name, size: c.sizeRw, detail: `${c.status}, image ${c.image}` });
  const remaining = df.containers.filter((c) => !going.has(c.id));
  if (opts.images !== 'none' && data.graph) {
    const planned = await planImages(df, data.graph, new Set(remaining.map((c) => c.imageId)), opts.images, sizesOf);
    items.push(...planned.items);
    approximate = planned.approximate;
  }
  if (opts.volumes) {
    const usedVolumes = new Set(remaining.flatMap((c) => c.volumes));
    const listedVolumes = new Set(df.containers.flatMap((c) => c.volumes));
    for (const v of df.volumes) {
      // A volume the engine counts as linked that no container lists is kept: when in doubt, data stays.
      if (usedVolumes.has(v.name) || (v.links > 0 && !listedVolumes.has(v.name))) continue;
      const detail = listedVolumes.has(v.name) ? 'used only by containers removed here; its data is deleted' : 'no container uses it; its data is deleted';
      items.push({ kind: 'volume', id: v.name, name: v.name, size: Math.max(0, v.size), detail: v.size < 0 ? `${detail} (its driver ${v.driver} reports no size)` : detail });
    }
  }
  if (opts.networks) {
    const usedNetworks = new Set(remaining.flatMap((c) => c.networks));
    for (const n of data.networks) {
      if (BUILTIN_NETWORKS.has(n.Name) || (n.Scope && n.Scope !== 'local') || usedNetworks.has(n.Name) || usedNetworks.has(n.Id)) continue;
      items.push({ kind: 'network', id: n.Id, name: n.Name, size: 0, detail: 'no container is connected to it' });
    }
  }
  if (opts.buildCache) {
    const parents = new Map(df.buildCache.map((b) => [b.id, b.parent]));
    const depth = (id: string) => {
      let d = 0;
      for (let p = parents.get(id); p && d < 1000; p = parents.get(p)) d++;
      return d;
    };
    const unused = df.buildCache.filter((b) => !b.inUse && !b.shared).sort((a, b) => depth(b.id) - depth(a.id));
    for (const b of unused) items.push({ kind: 'buildCache', id: b.id, name: b.description || b.id, size: b.size, detail: `${b.type}, used ${b.usageCount} time${b.usageCount === 1 ? '' : 's'}` });
  }
  const byKind = Object.fromEntries(PRUNE_ORDER.map((k) => [k, { count: 0, bytes: 0 }])) as PrunePreview['byKind'];
  for (const i of items) {
    byKind[i.kind].count++;
    byKind[i.kind].bytes += i.size;
  }
  return { items, bytes: items.reduce((n, i) => n + i.size, 0), approximate, byKind, cutoff, snapshotAt: df.startedAt };
}

/** What a prune with these options would remove now, from a fresh snapshot of the engine. */
export async function prunePreview(api: Docker, opts: PruneOptions): Promise<PrunePreview> {
  const df = await diskUsage(api, { fresh: true });
  try {
    const [graph, networks] = await Promise.all([
      opts.images === 'none' ? null : imageGraph(api),
      opts.networks ? (api.listNetworks() as Promise<NetworkSummary[]>) : [],
    ]);
    return await planPrune({ df, graph, networks }, opts, Date.now(), (n) => imageLayerSizes(api, n));
  } catch (err) {
    throw toEngineError(err, 'the cleanup preview', 'prepare');
  }
}
