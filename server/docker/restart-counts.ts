// Restart counts and start times are only in a container's inspect: kept per container, asked again when it changed.
import type Docker from 'dockerode';
import { getJson } from '../engines/wire';

export interface RestartFacts {
  restartCount: number;
  startedAt: number;
  finishedAt: number;
}

interface Kept extends RestartFacts {
  /** The list's state when it was asked: a change of state asks again even without an event. */
  state: string;
  at: number;
}

/** Without an events stream to say a container changed, a kept answer is trusted this long. */
const MAX_AGE_MS = 10_000;
const PARALLEL = 8;
const kept = new WeakMap<Docker, Map<string, Kept>>();

function time(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  // The engine says "0001-01-01T00:00:00Z" for never.
  return Number.isFinite(t) && t > 0 ? t : 0;
}

/** An event about this container (or, without an id, a gap in the events): its next list asks the engine again. */
export function forgetRestartFacts(api: Docker, id?: string): void {
  if (id) kept.get(api)?.delete(id);
  else kept.get(api)?.clear();
}

/**
 * The facts of each container that has ever started (a created one has none to tell), by id. A container that
 * vanished meanwhile is left out.
 */
export async function restartFacts(api: Docker, rows: { id: string; state: string }[], live: boolean): Promise<Map<string, RestartFacts>> {
  let map = kept.get(api);
  if (!map) {
    map = new Map();
    kept.set(api, map);
  }
  const now = Date.now();
  const out = new Map<string, RestartFacts>();
  const ask: { id: string; state: string }[] = [];
  const present = new Set<string>();
  for (const r of rows) {
    present.add(r.id);
    if (r.state === 'created') continue;
    const k = map.get(r.id);
    if (k && k.state === r.state && (live || now - k.at < MAX_AGE_MS)) out.set(r.id, k);
    else ask.push(r);
  }
  for (const id of map.keys()) if (!present.has(id)) map.delete(id);
  let next = 0;
  const worker = async () => {
    while (next < ask.length) {
      const r = ask[next++]!;
      try {
        const raw = await getJson<{ RestartCount?: number; State?: { StartedAt?: string; FinishedAt?: string } }>(api, `/containers/${r.id}/json`);
        const facts = { restartCount: raw.RestartCount ?? 0, startedAt: time(raw.State?.StartedAt), finishedAt: time(raw.State?.FinishedAt) };
        map.set(r.id, { ...facts, state: r.state, at: now });
        out.set(r.id, facts);
      } catch {
        // Removed between the list and now: the next list will not have it either.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ask.length) }, worker));
  return out;
}
