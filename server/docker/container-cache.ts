// Each engine's container list, kept current by the engine's events, so containers.list rarely asks the engine.
import type Docker from 'dockerode';
import { eventCache } from './event-cache';
import { forgetRestartFacts } from './restart-counts';

const containers = eventCache<unknown[]>({
  types: ['container'],
  // Container events that change nothing a list row shows.
  noise: /^(exec_|attach$|detach$|resize$|top$|copy$|archive-path$|extract-to-dir$|export$|commit$)/,
  // The engine's Status is relative time ("Up 5 seconds"): rows older than this are fetched again anyway.
  maxAgeMs: 1_000,
  onChange: (api, event) => forgetRestartFacts(api, event?.id),
});

/**
 * The engine's containers (all of them), from the cache while its events stream is connected and nothing happened
 * since the last fetch; callers that arrive while a fetch is under way share it.
 */
export function cachedContainers<Row>(api: Docker, fetch: () => Promise<Row[]>): Promise<Row[]> {
  return containers.get(api, fetch) as Promise<Row[]>;
}

/** Whether the engine's container events are being followed, so that what was read since stays true until one arrives. */
export const eventsLive = (api: Docker): boolean => containers.live(api);

/** Berth changed a container itself: the next list asks the engine, without waiting for the event. */
export const invalidateContainers = (api: Docker): void => containers.invalidate(api);
