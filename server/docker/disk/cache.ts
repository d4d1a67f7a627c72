// Computing disk usage without piling up: one df in flight per engine, results reused for a few seconds, progress for the UI.
import type Docker from 'dockerode';
import { getJson } from '../../engines/wire';
import { engineMessage, toEngineError } from '../../errors';
import { type DiskUsage, type RawDf, toDiskUsage } from './usage';

/** How long a finished snapshot answers callers that did not ask for a newer one. */
export const DF_CACHE_MS = 3_000;
/** dockerd runs one df at a time and refuses others ("already running"): wait for another client's, this long at most. */
const BUSY_RETRY_MS = 120_000;

interface Entry {
  value?: DiskUsage;
  pending?: { startedAt: number; promise: Promise<DiskUsage> };
  lastDurationMs?: number;
}

const entries = new WeakMap<Docker, Entry>();

function entryOf(api: Docker): Entry {
  let e = entries.get(api);
  if (!e) entries.set(api, (e = {}));
  return e;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fetchDf(api: Docker): Promise<RawDf> {
  const until = Date.now() + BUSY_RETRY_MS;
  for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await getJson<RawDf>(api, '/system/df');
    } catch (err) {
      if (!/already running/i.test(engineMessage(err)) || Date.now() + wait > until) throw err;
      await sleep(wait);
    }
  }
}

function start(api: Docker, entry: Entry): Promise<DiskUsage> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const promise = fetchDf(api)
    .then((raw) => {
      const value = toDiskUsage(raw, { startedAt, durationMs: performance.now() - t0 });
      entry.value = value;
      entry.lastDurationMs = value.durationMs;
      return value;
    })
    .catch((err: unknown) => {
      throw toEngineError(err, 'the disk usage', 'compute');
    })
    .finally(() => {
      if (entry.pending?.promise === promise) entry.pending = undefined;
    });
  entry.pending = { startedAt, promise };
  return promise;
}

export interface DiskUsageOptions {
  /** Ignore finished snapshots (a computation already running is shared). */
  fresh?: boolean;
  /** Only a snapshot started after this time (a snapshot's startedAt) will do: "newer than what I have". */
  after?: number;
}

/** Disk usage of an engine: concurrent callers share one computation, and results are reused for a few seconds. */
export function diskUsage(api: Docker, opts: DiskUsageOptions = {}): Promise<DiskUsage> {
  const entry = entryOf(api);
  const after = opts.after ?? -Infinity;
  const v = entry.value;
  if (!opts.fresh && v && v.startedAt > after && Date.now() - v.computedAt < DF_CACHE_MS) return Promise.resolve(v);
  const p = entry.pending;
  if (p && p.startedAt > after) return p.promise;
  // One df at a time per engine: a newer one starts when the one in flight ends (or fails).
  if (p) return p.promise.catch(() => undefined).then(() => diskUsage(api, { after: Math.max(after, p.startedAt) }));
  return start(api, entry);
}

export interface DiskUsageView {
  /** The newest snapshot there is: the one asked for, or while that is still computing, the previous one (or null). */
  usage: DiskUsage | null;
  /** Set while the snapshot asked for is still being computed. */
  computing: { startedAt: number; elapsedMs: number; expectedMs: number | null } | null;
}

/**
 * Like diskUsage, but answers within `waitMs`: a slow engine gets the previous snapshot and progress instead,
 * so a page (and the other queries batched with it) never wait on a big engine.
 */
export async function diskUsageView(api: Docker, opts: DiskUsageOptions & { waitMs: number }): Promise<DiskUsageView> {
  const entry = entryOf(api);
  const work = diskUsage(api, opts);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), opts.waitMs)));
  try {
    const first = await Promise.race([work, late]);
    if (first !== 'late') return { usage: first, computing: null };
  } finally {
    clearTimeout(timer);
  }
  work.catch(() => undefined); // its failure reaches the next poll instead
  const startedAt = entry.pending?.startedAt ?? Date.now();
  return {
    usage: entry.value ?? null,
    computing: { startedAt, elapsedMs: Date.now() - startedAt, expectedMs: entry.lastDurationMs ?? null },
  };
}
