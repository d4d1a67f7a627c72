// A per-engine answer (a list, a status) kept current by the engine's events: while the events stream is connected
// and nothing happened since the last fetch, it is given without asking the engine.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { jsonLines, openEngineStream } from '../engines/wire';

/** An engine nobody listed for this long has its events connection closed. */
const IDLE_MS = 5 * 60_000;
const RETRY_MS = [250, 1_000, 5_000];

export interface EngineEventLine {
  Type?: string;
  Action?: string;
  id?: string;
  Actor?: { ID?: string };
}

export interface EventCacheOptions {
  /** The event types that can change the list (`container`, `service`, `node`…). */
  types: string[];
  /** Events of those types that change nothing the list shows. */
  noise?: RegExp;
  /**
   * Rows older than this are fetched again even without an event: what the list shows changes without one (a
   * relative "Up 5 seconds", a task that starts on another node).
   */
  maxAgeMs: number;
  /** Called for every event that is not noise, and with no event when the stream (re)connects. */
  onChange?: (api: Docker, event?: EngineEventLine) => void;
}

export interface EventCache<T> {
  /** The answer, from the cache when it is still true; callers that arrive while a fetch is under way share it. */
  get(api: Docker, fetch: () => Promise<T>): Promise<T>;
  /** Whether the engine's events are being followed, so that what was read since stays true until one arrives. */
  live(api: Docker): boolean;
  /** Berth changed something itself: the next list asks the engine, without waiting for the event. */
  invalidate(api: Docker): void;
}

interface Entry<T> {
  /** Whether the events stream is open: only then can rows stay valid. */
  live: boolean;
  /** Bumped by every event, reconnection and invalidation: a fetch started before a bump is not kept. */
  generation: number;
  rows: T | null;
  fetchedAt: number;
  inflight: { generation: number; rows: Promise<T> } | null;
  events: IncomingMessage | null;
  lastUse: number;
  closed: boolean;
}

export function eventCache<T>(options: EventCacheOptions): EventCache<T> {
  const entries = new WeakMap<Docker, Entry<T>>();
  const filters = JSON.stringify({ type: options.types });

  const entryOf = (api: Docker): Entry<T> => {
    let entry = entries.get(api);
    if (!entry) {
      entry = { live: false, generation: 0, rows: null, fetchedAt: 0, inflight: null, events: null, lastUse: Date.now(), closed: true };
      entries.set(api, entry);
    }
    return entry;
  };

  const stale = (entry: Entry<T>) => {
    entry.generation++;
    entry.rows = null;
  };

  /** Follows the engine's events while the list is in use; reconnects after a drop. */
  async function follow(api: Docker, entry: Entry<T>): Promise<void> {
    entry.closed = false;
    // A quiet engine sends nothing for hours: the idle check cannot wait for an event.
    const idle = setInterval(() => {
      if (Date.now() - entry.lastUse >= IDLE_MS) entry.events?.destroy();
    }, IDLE_MS / 5).unref();
    for (let attempt = 0; Date.now() - entry.lastUse < IDLE_MS; attempt++) {
      try {
        // The engine sends its headers before it subscribes: "since" replays anything that happened in between.
        const since = String(Math.floor(Date.now() / 1000) - 1);
        const stream = await openEngineStream(api, '/events', { since, filters }, { 400: 'bad parameter' });
        entry.events = stream;
        // An idle events connection must not keep the process alive.
        stream.socket?.unref();
        entry.live = true;
        stale(entry);
        options.onChange?.(api);
        attempt = 0;
        for await (const event of jsonLines<EngineEventLine>(stream)) {
          if (options.noise?.test(event.Action ?? '')) continue;
          stale(entry);
          options.onChange?.(api, event);
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

  return {
    get(api, fetch) {
      const entry = entryOf(api);
      entry.lastUse = Date.now();
      if (entry.closed) void follow(api, entry);
      if (entry.live && entry.rows !== null && Date.now() - entry.fetchedAt < options.maxAgeMs) return Promise.resolve(entry.rows);
      if (entry.inflight?.generation === entry.generation) return entry.inflight.rows;
      const generation = entry.generation;
      const startedAt = Date.now();
      const rows = fetch().then((fetched) => {
        // Kept only if no event arrived (and the stream did not drop) since the fetch began.
        if (entry.live && entry.generation === generation) {
          entry.rows = fetched;
          entry.fetchedAt = startedAt;
        }
        return fetched;
      });
      const inflight = { generation, rows };
      entry.inflight = inflight;
      const clear = () => {
        if (entry.inflight === inflight) entry.inflight = null;
      };
      rows.then(clear, clear);
      return rows;
    },
    live: (api) => entries.get(api)?.live ?? false,
    invalidate(api) {
      const entry = entries.get(api);
      if (entry) stale(entry);
    },
  };
}
