// Disk usage as `docker system df -v` reports it, with totals and reclaimable space computed the way the docker CLI does.
import { containerName } from '../container-name';

export interface CategoryTotal {
  count: number;
  active: number;
  size: number;
  reclaimable: number;
}

export interface DiskImage {
  id: string;
  tags: string[];
  /** Size of every layer of the image, shared ones included. */
  size: number;
  /** Size of the layers other images hold too; -1 when the engine did not compute it. */
  sharedSize: number;
  /** Size of the layers only this image holds: what removing it alone frees. */
  uniqueSize: number;
  containers: number;
  created: number;
  parentId: string;
}

export interface DiskContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: string;
  status: string;
  /** The writable layer: what the container wrote on top of its image. */
  sizeRw: number;
  sizeRootFs: number;
  created: number;
  volumes: string[];
  networks: string[];
}

export interface DiskVolume {
  name: string;
  driver: string;
  /** -1 when the driver does not report sizes. */
  size: number;
  links: number;
  created?: string;
}

export interface DiskBuildCache {
  id: string;
  parent: string;
  type: string;
  description: string;
  size: number;
  shared: boolean;
  inUse: boolean;
  created?: string;
  lastUsed?: string;
  usageCount: number;
}

export interface DiskTotals {
  images: CategoryTotal;
  containers: CategoryTotal;
  volumes: CategoryTotal;
  buildCache: CategoryTotal;
  size: number;
  reclaimable: number;
}

export interface DiskUsage {
  images: DiskImage[];
  containers: DiskContainer[];
  volumes: DiskVolume[];
  buildCache: DiskBuildCache[];
  totals: DiskTotals;
  /** When the engine was asked (ms since the epoch, Berth's clock): tells snapshots apart. */
  startedAt: number;
  computedAt: number;
  durationMs: number;
}

export interface RawDf {
  LayersSize?: number;
  Images?: { Id: string; ParentId?: string; RepoTags?: string[] | null; Size: number; SharedSize: number; VirtualSize?: number; Containers: number; Created: number }[] | null;
  Containers?: {
    Id: string;
    Names?: string[] | null;
    Image: string;
    ImageID?: string;
    Command?: string;
    State: string;
    Status?: string;
    SizeRw?: number;
    SizeRootFs?: number;
    Created: number;
    Mounts?: { Type: string; Name?: string }[] | null;
    NetworkSettings?: { Networks?: Record<string, unknown> | null } | null;
  }[] | null;
  Volumes?: { Name: string; Driver: string; CreatedAt?: string; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache?: { ID: string; Parent?: string; Type: string; Description: string; Size: number; Shared: boolean; InUse: boolean; CreatedAt?: string; LastUsedAt?: string; UsageCount?: number }[] | null;
}

const sum = <T>(xs: T[], f: (x: T) => number): number => xs.reduce((n, x) => n + f(x), 0);

/** Running, paused and restarting containers are active, as in the CLI. */
export function isActiveContainer(state: string): boolean {
  return /running|paused|restarting/.test(state);
}

export function toDiskImage(i: NonNullable<RawDf['Images']>[number]): DiskImage {
  const size = i.Size ?? i.VirtualSize ?? 0;
  return {
    id: i.Id,
    tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    size,
    sharedSize: i.SharedSize ?? -1,
    uniqueSize: i.SharedSize >= 0 ? size - i.SharedSize : size,
    containers: Math.max(0, i.Containers ?? 0),
    created: i.Created,
    parentId: i.ParentId ?? '',
  };
}

function toDiskContainer(c: NonNullable<RawDf['Containers']>[number]): DiskContainer {
  return {
    id: c.Id,
    name: containerName(c),
    image: c.Image,
    imageId: c.ImageID ?? '',
    command: c.Command ?? '',
    state: c.State,
    status: c.Status ?? c.State,
    sizeRw: c.SizeRw ?? 0,
    sizeRootFs: c.SizeRootFs ?? 0,
    created: c.Created,
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
  };
}

/** Totals per category, as `docker system df` computes them. */
export function diskTotals(layersSize: number, images: DiskImage[], containers: DiskContainer[], volumes: DiskVolume[], buildCache: DiskBuildCache[]): DiskTotals {
  // Images: every layer once (the engine's LayersSize); what active images hold uniquely is not reclaimable.
  const activeImages = images.filter((i) => i.containers > 0);
  const imagesUsed = sum(activeImages.filter((i) => i.sharedSize >= 0), (i) => i.uniqueSize);
  const activeContainers = containers.filter((c) => isActiveContainer(c.state));
  const sized = volumes.filter((v) => v.size >= 0);
  const privateCache = buildCache.filter((b) => !b.shared);
  const cacheSize = sum(privateCache, (b) => b.size);
  const totals = {
    images: { count: images.length, active: activeImages.length, size: layersSize, reclaimable: Math.max(0, layersSize - imagesUsed) },
    containers: { count: containers.length, active: activeContainers.length, size: sum(containers, (c) => c.sizeRw), reclaimable: sum(containers.filter((c) => !isActiveContainer(c.state)), (c) => c.sizeRw) },
    volumes: { count: volumes.length, active: volumes.filter((v) => v.links > 0).length, size: sum(sized, (v) => v.size), reclaimable: sum(sized.filter((v) => v.links === 0), (v) => v.size) },
    buildCache: { count: buildCache.length, active: buildCache.filter((b) => b.inUse).length, size: cacheSize, reclaimable: cacheSize - sum(privateCache.filter((b) => b.inUse), (b) => b.size) },
  };
  const cats = [totals.images, totals.containers, totals.volumes, totals.buildCache];
  return { ...totals, size: sum(cats, (c) => c.size), reclaimable: sum(cats, (c) => c.reclaimable) };
}

/** Maps GET /system/df into Berth's view model. */
export function toDiskUsage(raw: RawDf, timing: { startedAt: number; durationMs: number } = { startedAt: Date.now(), durationMs: 0 }): DiskUsage {
  const images = (raw.Images ?? []).map(toDiskImage);
  const containers = (raw.Containers ?? []).map(toDiskContainer);
  const volumes: DiskVolume[] = (raw.Volumes ?? []).map((v) => ({
    name: v.Name,
    driver: v.Driver,
    size: v.UsageData && v.UsageData.Size >= 0 ? v.UsageData.Size : -1,
    links: Math.max(0, v.UsageData?.RefCount ?? 0),
    created: v.CreatedAt,
  }));
  const buildCache: DiskBuildCache[] = (raw.BuildCache ?? []).map((b) => ({
    id: b.ID,
    parent: b.Parent ?? '',
    type: b.Type,
    description: b.Description,
    size: b.Size,
    shared: b.Shared,
    inUse: b.InUse,
    created: b.CreatedAt,
    lastUsed: b.LastUsedAt,
    usageCount: b.UsageCount ?? 0,
  }));
  return {
    images,
    containers,
    volumes,
    buildCache,
    totals: diskTotals(raw.LayersSize ?? 0, images, containers, volumes, buildCache),
    startedAt: timing.startedAt,
    computedAt: timing.startedAt + timing.durationMs,
    durationMs: timing.durationMs,
  };
}
