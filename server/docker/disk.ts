// Disk usage as `docker system df -v` reports it, with totals and reclaimable space computed the way Docker does.
import type Docker from 'dockerode';
import { toEngineError } from '../errors';
import { getJson } from './raw';

export interface CategoryTotal {
  count: number;
  active: number;
  size: number;
  reclaimable: number;
}

export interface DiskImage {
  id: string;
  tags: string[];
  size: number;
  sharedSize: number;
  uniqueSize: number;
  containers: number;
  created: number;
}

export interface DiskContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: string;
  sizeRw: number;
  sizeRootFs: number;
  created: number;
  volumes: string[];
}

export interface DiskVolume {
  name: string;
  driver: string;
  size: number;
  links: number;
  created?: string;
}

export interface DiskBuildCache {
  id: string;
  type: string;
  description: string;
  size: number;
  shared: boolean;
  inUse: boolean;
  lastUsed?: string;
}

export interface DiskUsage {
  images: DiskImage[];
  containers: DiskContainer[];
  volumes: DiskVolume[];
  buildCache: DiskBuildCache[];
  totals: { images: CategoryTotal; containers: CategoryTotal; volumes: CategoryTotal; buildCache: CategoryTotal; size: number; reclaimable: number };
  computedAt: number;
  durationMs: number;
}

interface RawDf {
  LayersSize?: number;
  Images?: { Id: string; RepoTags: string[] | null; Size: number; SharedSize: number; VirtualSize?: number; Containers: number; Created: number }[] | null;
  Containers?: { Id: string; Names: string[]; Image: string; ImageID?: string; State: string; SizeRw?: number; SizeRootFs?: number; Created: number; Mounts?: { Type: string; Name?: string }[] }[] | null;
  Volumes?: { Name: string; Driver: string; CreatedAt?: string; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache?: { ID: string; Type: string; Description: string; Size: number; Shared: boolean; InUse: boolean; LastUsedAt?: string }[] | null;
}

/** Maps GET /system/df and computes totals as the docker CLI's `system df` does. */
export function toDiskUsage(raw: RawDf, durationMs = 0): DiskUsage {
  const images: DiskImage[] = (raw.Images ?? []).map((i) => ({
    id: i.Id,
    tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    size: i.Size,
    sharedSize: i.SharedSize,
    uniqueSize: i.SharedSize >= 0 ? i.Size - i.SharedSize : i.Size,
    containers: i.Containers,
    created: i.Created,
  }));
  const containers: DiskContainer[] = (raw.Containers ?? []).map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID ?? '',
    state: c.State,
    sizeRw: c.SizeRw ?? 0,
    sizeRootFs: c.SizeRootFs ?? 0,
    created: c.Created,
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
  }));
  const volumes: DiskVolume[] = (raw.Volumes ?? []).map((v) => ({
    name: v.Name,
    driver: v.Driver,
    size: v.UsageData && v.UsageData.Size >= 0 ? v.UsageData.Size : 0,
    links: v.UsageData?.RefCount ?? 0,
    created: v.CreatedAt,
  }));
  const buildCache: DiskBuildCache[] = (raw.BuildCache ?? []).map((b) => ({ id: b.ID, type: b.Type, description: b.Description, size: b.Size, shared: b.Shared, inUse: b.InUse, lastUsed: b.LastUsedAt }));

  // Images: all layers counted once; what is reclaimable is what no container's image holds uniquely.
  const imageSize = raw.LayersSize ?? 0;
  const imageUsed = images.filter((i) => i.containers > 0).reduce((n, i) => n + i.uniqueSize, 0);
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
  const totals = {
    images: { count: images.length, active: images.filter((i) => i.containers > 0).length, size: imageSize, reclaimable: Math.max(0, imageSize - imageUsed) },
    containers: { count: containers.length, active: containers.filter((c) => c.state === 'running').length, size: sum(containers, (c) => c.sizeRw), reclaimable: sum(containers.filter((c) => c.state !== 'running'), (c) => c.sizeRw) },
    volumes: { count: volumes.length, active: volumes.filter((v) => v.links > 0).length, size: sum(volumes, (v) => v.size), reclaimable: sum(volumes.filter((v) => v.links === 0), (v) => v.size) },
    buildCache: { count: buildCache.length, active: buildCache.filter((b) => b.inUse).length, size: sum(buildCache.filter((b) => !b.shared), (b) => b.size), reclaimable: sum(buildCache.filter((b) => !b.shared && !b.inUse), (b) => b.size) },
  };
  return {
    images,
    containers,
    volumes,
    buildCache,
    totals: { ...totals, size: totals.images.size + totals.containers.size + totals.volumes.size + totals.buildCache.size, reclaimable: totals.images.reclaimable + totals.containers.reclaimable + totals.volumes.reclaimable + totals.buildCache.reclaimable },
    computedAt: Date.now(),
    durationMs,
  };
}

const CACHE_MS = 3_000;
const cache = new WeakMap<Docker, { at: number; value?: DiskUsage; pending?: Promise<DiskUsage> }>();

/** Disk usage of an engine; concurrent callers share one computation and results are reused for a few seconds. */
export async function diskUsage(api: Docker, opts: { fresh?: boolean } = {}): Promise<DiskUsage> {
  const entry = cache.get(api);
  if (entry?.pending) return entry.pending;
  if (!opts.fresh && entry?.value && Date.now() - entry.at < CACHE_MS) return entry.value;
  const started = performance.now();
  const pending = getJson<RawDf>(api, '/system/df')
    .then((raw) => {
      const value = toDiskUsage(raw, performance.now() - started);
      cache.set(api, { at: Date.now(), value });
      return value;
    })
    .catch((err) => {
      cache.delete(api);
      throw toEngineError(err, 'the disk usage', 'compute');
    });
  cache.set(api, { at: entry?.at ?? 0, value: entry?.value, pending });
  return pending;
}
