// What the server's procedures answer, as the browser receives it: inferred from the router, never re-declared.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';

export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** One value a subscription delivers (the router types a subscription as the async iterable it yields from). */
export type Yielded<T> = T extends AsyncIterable<infer V> ? V : never;

/** One engine event as `system.events` delivers it: the tracked id beside the event. */
export type EngineEvent = Yielded<RouterOutputs['system']['events']>['data'];
