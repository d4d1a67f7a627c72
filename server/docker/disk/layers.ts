// Image layers for the cleanup preview: which layers each image holds and their sizes, so shared layers count once.
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { getJson } from '../../engines/wire';

/** Every image of the engine, intermediate ones included, with the chain ids of its layers (bottom first). */
export interface ImageNode {
  id: string;
  parentId: string;
  tags: string[];
  chain: string[];
  size: number;
}

interface RawSummary {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  Size: number;
}

interface RawHistory {
  Size: number;
  CreatedBy?: string;
}

// Image ids are digests of their content: what is learnt about one never changes.
const chains = new WeakMap<Docker, Map<string, string[]>>();
const sizes = new WeakMap<Docker, Map<string, number[] | null>>();

function cacheOf<V>(map: WeakMap<Docker, Map<string, V>>, api: Docker): Map<string, V> {
  let m = map.get(api);
  if (!m) map.set(api, (m = new Map()));
  return m;
}

/** Layer chain ids as the engine computes them: the first diff id, then sha256("<parent chain> <diff id>"). */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const diff of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? diff : `sha256:${createHash('sha256').update(`${prev} ${diff}`).digest('hex')}`);
  }
  return out;
}

// Instructions that change only the image's config: their history entries have no layer.
const CONFIG_ONLY = /^(\/bin\/sh -c )?#\(nop\)|^(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|ARG|STOPSIGNAL|HEALTHCHECK|SHELL|VOLUME|MAINTAINER|ONBUILD)\b/;

/**
 * Each layer's size, bottom first, read from the image's history (newest entry first, as the engine returns it).
 * Null when the history cannot be matched to the layers with certainty.
 */
export function layerSizes(history: RawHistory[], layerCount: number, total: number): number[] | null {
  const entries = [...history].reverse();
  let picked: RawHistory[];
  if (entries.length === layerCount) picked = entries;
  else if (entries.filter((e) => e.Size > 0).length === layerCount) picked = entries.filter((e) => e.Size > 0);
  else picked = entries.filter((e) => e.Size > 0 || !CONFIG_ONLY.test((e.CreatedBy ?? '').trim()));
  if (picked.length !== layerCount) return null;
  const out = picked.map((e) => Math.max(0, e.Size));
  return out.reduce((n, s) => n + s, 0) === total ? out : null;
}

async function mapLimit<T, R>(xs: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, xs.length) }, async () => {
      while (next < xs.length) {
        const i = next++;
        out[i] = await fn(xs[i]!);
      }
    }),
  );
  return out;
}

/** All images with their layer chains; one inspect per image the first time it is seen. */
export async function imageGraph(api: Docker): Promise<Map<string, ImageNode>> {
  const list = await getJson<RawSummary[]>(api, '/images/json?all=1');
  const known = cacheOf(chains, api);
  const missing = list.filter((i) => !known.has(i.Id));
  await mapLimit(missing, 8, async (i) => {
    try {
      const info = await getJson<{ RootFS?: { Layers?: string[] } }>(api, `/images/${encodeURIComponent(i.Id)}/json`);
      known.set(i.Id, chainIds(info.RootFS?.Layers ?? []));
    } catch {
      // Removed since the list: it simply is not part of the graph.
    }
  });
  const graph = new Map<string, ImageNode>();
  for (const i of list) {
    const chain = known.get(i.Id);
    if (!chain) continue;
    graph.set(i.Id, { id: i.Id, parentId: i.ParentId ?? '', tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), chain, size: i.Size });
  }
  // Forget images that are gone, so the cache follows the engine.
  for (const id of known.keys()) if (!graph.has(id)) known.delete(id);
  return graph;
}

/** Sizes of an image's layers (bottom first), or null when its history does not tell them apart. */
export async function imageLayerSizes(api: Docker, node: ImageNode): Promise<number[] | null> {
  const cache = cacheOf(sizes, api);
  if (cache.has(node.id)) return cache.get(node.id)!;
  let value: number[] | null = null;
  try {
    const history = await getJson<RawHistory[]>(api, `/images/${encodeURIComponent(node.id)}/history`);
    value = layerSizes(history, node.chain.length, node.size);
  } catch {
    value = null;
  }
  cache.set(node.id, value);
  if (cache.size > 5_000) cache.delete(cache.keys().next().value!);
  return value;
}

export { mapLimit };
