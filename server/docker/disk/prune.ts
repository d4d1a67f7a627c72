// Cleanup: removes the previewed items one by one, each re-checked just before; whatever changed since the preview is skipped.
import type Docker from 'dockerode';
import { BerthError, engineMessage, toEngineError } from '../../errors';
import { containerName } from '../container-name';
import { diskUsage } from './cache';
import { PRUNE_ORDER, type PruneItem } from './plan';

export interface PruneOutcome extends PruneItem {
  reason: string;
}

export interface PruneResult {
  removed: PruneItem[];
  skipped: PruneOutcome[];
  failed: PruneOutcome[];
  /** What the removed items were expected to free (from the preview). */
  expected: number;
  /** Measured: the engine's usage before minus after; null when the engine could not be measured afterwards. */
  freed: number | null;
  before: Sizes | null;
  after: Sizes | null;
}

/** Bytes per category and in all, as `docker system df` counts them. */
export interface Sizes {
  images: number;
  containers: number;
  volumes: number;
  buildCache: number;
  size: number;
}

async function measure(api: Docker): Promise<Sizes | null> {
  try {
    // A snapshot started now: one a page started earlier would miss what was just removed.
    const t = (await diskUsage(api, { after: Date.now() - 1 })).totals;
    return { images: t.images.size, containers: t.containers.size, volumes: t.volumes.size, buildCache: t.buildCache.size, size: t.size };
  } catch {
    return null;
  }
}

const NOUN: Record<PruneItem['kind'], string> = { container: 'container', image: 'image', volume: 'volume', network: 'network', buildCache: 'build cache entry' };
const names = (cs: Docker.ContainerInfo[]) => cs.map((c) => containerName(c)).join(', ');

/** Why an item must not be removed now, or null when it still may be. */
async function whyKeep(api: Docker, item: PruneItem, cutoff: number | null): Promise<string | null> {
  switch (item.kind) {
    case 'container': {
      const c = await api.getContainer(item.id).inspect();
      if (c.State.Running || c.State.Paused || c.State.Restarting) return `container ${item.name} is running now`;
      if (cutoff === null) return `container ${item.name} was not chosen: no container age was given`;
      if (Math.floor(Date.parse(c.Created) / 1000) > cutoff) return `container ${item.name} is newer than the chosen age`;
      return null;
    }
    case 'image': {
      const info = await api.getImage(item.id).inspect();
      const added = (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>' && !(item.tags ?? []).includes(t));
      if (added.length) return `image ${item.name} was tagged ${added.join(', ')} since the preview`;
      const users = await api.listContainers({ all: true, filters: { ancestor: [item.id] } });
      return users.length ? `image ${item.name} is used by ${names(users)} now` : null;
    }
    case 'volume': {
      const users = await api.listContainers({ all: true, filters: { volume: [item.id] } });
      return users.length ? `volume ${item.name} is used by ${names(users)} now` : null;
    }
    case 'network': {
      const n = (await api.getNetwork(item.id).inspect()) as { Containers?: Record<string, unknown> };
      const users = await api.listContainers({ all: true, filters: { network: [item.id] } });
      return Object.keys(n.Containers ?? {}).length || users.length ? `network ${item.name} has containers connected now${users.length ? ` (${names(users)})` : ''}` : null;
    }
    case 'buildCache':
      return null; // BuildKit itself never prunes an entry in use; what it keeps is reported after the attempt.
  }
}

function dial<T>(api: Docker, opts: { path: string; method: string; options?: Record<string, unknown> }): Promise<T> {
  const modem = api.modem as unknown as { dial(o: object, cb: (e: unknown, data: unknown) => void): void };
  return new Promise((resolve, reject) =>
    modem.dial({ ...opts, options: opts.options ?? {}, statusCodes: { 200: true, 404: 'not found', 409: 'conflict', 500: 'server error' } }, (e, data) => (e ? reject(e) : resolve(data as T))),
  );
}

/** Removes one item; returns a reason when the engine kept it without an error (a cache entry still referenced). */
async function removeOne(api: Docker, item: PruneItem): Promise<string | null> {
  switch (item.kind) {
    case 'container':
      await api.getContainer(item.id).remove({ v: false, force: false });
      return null;
    case 'image': {
      // Untag all but one reference first: deleting by id refuses an image several repositories name.
      const tags = ((await api.getImage(item.id).inspect()).RepoTags ?? []).filter((t) => t !== '<none>:<none>');
      for (const tag of tags.slice(1)) await api.getImage(tag).remove({ force: false, noprune: true });
      // noprune: parents the preview did not list stay; the ones it listed come next, children first.
      await api.getImage(item.id).remove({ force: false, noprune: true });
      return null;
    }
    case 'volume':
      await api.getVolume(item.id).remove();
      return null;
    case 'network':
      await api.getNetwork(item.id).remove();
      return null;
    case 'buildCache': {
      // The engine's id filter is a pattern: only plain ids, anchored, so it matches this entry and no other.
      if (!/^[a-zA-Z0-9]+$/.test(item.id)) return `"${item.id}" is not a build cache id`;
      const res = await dial<{ CachesDeleted?: string[] | null }>(api, { path: '/build/prune?', method: 'POST', options: { all: true, filters: JSON.stringify({ id: [`^${item.id}$`] }) } });
      return (res?.CachesDeleted ?? []).includes(item.id) ? null : `build cache entry ${item.name} is in use or still referenced now`;
    }
  }
}

// One cleanup at a time per engine: two would race each other's re-checks.
const running = new WeakSet<Docker>();

/** Removes the previewed items in a safe order (containers first, children before parents), re-checking each. */
export async function prune(api: Docker, items: PruneItem[], opts: { cutoff: number | null }): Promise<PruneResult> {
  if (running.has(api)) throw new BerthError('CONFLICT', 'A cleanup is already running on this engine: wait for it to finish, then preview again.');
  running.add(api);
  try {
    const before = await measure(api);
    const result: PruneResult = { removed: [], skipped: [], failed: [], expected: 0, freed: null, before, after: null };
    for (const kind of PRUNE_ORDER) {
      for (const item of items.filter((i) => i.kind === kind)) {
        try {
          const reason = (await whyKeep(api, item, opts.cutoff)) ?? (await removeOne(api, item));
          if (reason) result.skipped.push({ ...item, reason: `Skipped: ${reason}.` });
          else result.removed.push(item);
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode;
          if (status === 404) result.skipped.push({ ...item, reason: `Skipped: ${NOUN[item.kind]} ${item.name} is already gone.` });
          else if (status === 409) result.skipped.push({ ...item, reason: `Skipped: the engine kept ${NOUN[item.kind]} ${item.name}: ${engineMessage(err)}.` });
          else result.failed.push({ ...item, reason: toEngineError(err, `${NOUN[item.kind]} ${item.name}`, 'remove').message });
        }
      }
    }
    result.expected = result.removed.reduce((n, i) => n + i.size, 0);
    result.after = await measure(api);
    if (result.before && result.after) result.freed = Math.max(0, result.before.size - result.after.size);
    return result;
  } finally {
    running.delete(api);
  }
}
