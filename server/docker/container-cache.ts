// Each engine's container list, kept current by the engine's events, so containers.list rarely asks the engine.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { jsonLines, openEngineStream } from '../engines/wire';
import { forgetRestartFacts } from './restart-counts';

/** Container events that change nothing a list row shows. */
const NOISE = /^(exec_|attach$|detach$|resize$|top$|copy$|archive-path$|extract-to-dir$|export$|commit$)/;
/** The engine's Status is relative time ("Up 5 seconds"): rows older than this are fetched again anyway. */
const MAX_AGE_MS = 1_000;
/** An engine nobody listed for this long has its events connection closed. */
const IDLE_MS = 5 * 60_000;
const RETRY_MS = [250, 1_000, 5_000];

interface Entry {
  /** Whether the events stream is open: only then can rows stay valid. */
  live: boolean;
  /** Bumped by every event, reconnection and invalidation: a fetch started before a bump is not kept. */
  generation: number;
  rows: unknown[] | null;
  fetchedAt: number;
  inflight: { generation: number; rows: Promise<unknown[]> } | null;
  events: IncomingMessage | null;
  lastUse: number;
  closed: boolean;
}

const entries = new WeakMap<Docker, Entry>();

function entryOf(api: Docker): Entry {
  let entry = entries.get(api);
  if (!entry) {
    entry = { live: false, generation: 0, rows: null, fetchedAt: 0, inflight: null, events: null, lastUse: Date.now(), closed: true };
    entries.set(api, entry);
  }
  return entry;
}

function stale(entry: Entry): void {
  entry.generation++;
  entry.rows = null;
}

/** Follows the engine's container events while the list is in use; reconnects after a drop. */
async function follow(api: Docker, entry: Entry): Promise<void> {
  entry.closed = false;
  // A quiet engine sends nothing for hours: the idle check cannot wait for an event.
  const idle = setInterval(() => {
    if (Date.now() - entry.lastUse >= IDLE_MS) entry.events?.destroy();
  }, IDLE_MS / 5).unref();
  for (let attempt = 0; Date.now() - entry.lastUse < IDLE_MS; attempt++) {
    try {
      // The engine sends its headers before it subscribes: "since" replays anything that happened in between.
      const since = String(Math.floor(Date.now() / 1000) - 1);
      const stream = await openEngineStream(api, '/events', { since, filters: JSON.stringify({ type: ['container'] }) }, { 400: 'bad parameter' });
      entry.events = stream;
      // An idle events connection must not keep the process alive.
      stream.socket?.unref();
      entry.live = true;
      stale(entry);
      forgetRestartFacts(api);
      attempt = 0;
      for await (const event of jsonLines<{ Action?: string; id?: string }>(stream)) {
        if (NOISE.test(event.Action ?? '')) continue;
        stale(entry);
        forgetRestartFacts(api, event.id);
      }
    } catch {
      // Dropped or refused: the list is fetched every time until the stream is back.
    }
    entry.events?.destroy();
    entry.events = null;
    entry.live = false;
    stale(entry);
    if (Date.now() - entry.lastUse >= IDLE_MS) break;
    await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]).unref());
  }
  clearInterval(idle);
  entry.closed = true;
}

/**
 * The engine's containers (all of them), from the cache while its events stream is connected and nothing happened
 * since the last fetch; callers that arrive while a fetch is under way share it.
 */
export function cachedContainers<Row>(api: Docker, fetch: () => Promise<Row[]>): Promise<Row[]> {
  return cached(api, fetch) as Promise<Row[]>;
}

function cached(api: Docker, fetch: () => Promise<unknown[]>): Promise<unknown[]> {
  const entry = entryOf(api);
  entry.lastUse = Date.now();
  if (entry.closed) void follow(api, entry);
  if (entry.live && entry.rows && Date.now() - entry.fetchedAt < MAX_AGE_MS) return Promise.resolve(entry.rows);
  if (entry.inflight?.generation === entry.generation) return entry.inflight.rows;
  const generation = entry.generation;
  const startedAt = Date.now();
  const rows = fetch().then(
    (fetched) => {
      // Kept only if no event arrived (and the stream did not drop) since the fetch began.
      if (entry.live && entry.generation === generation) {
        entry.rows = fetched;
        entry.fetchedAt = startedAt;
      }
      return fetched;
    },
  );
  const inflight = { generation, rows };
  entry.inflight = inflight;
  const clear = () => {
    if (entry.inflight === inflight) entry.inflight = null;
  };
  rows.then(clear, clear);
  return rows;
}

/** Whether the engine's container events are being followed, so that what was read since stays true until one arrives. */
export function eventsLive(api: Docker): boolean {
  return entries.get(api)?.live ?? false;
}

/** Berth changed a container itself: the next list asks the engine, without waiting for the event. */
export function invalidateContainers(api: Docker): void {
  const entry = entries.get(api);
  if (entry) stale(entry);
}
