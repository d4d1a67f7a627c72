'use client';
// One engine-events subscription per engine: each event marks the matching lists and detail pages stale, so
// they refresh when something changed instead of polling; lists poll slowly only while the stream is down. A page
// whose data needs more than a stale mark (the disk page asks for a newer snapshot) hears the families it names.
import { type Query, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { ALL_FAMILIES, type QueryFamily, familiesFor } from './event-families';

/** A burst (a compose up, a prune) refreshes each family once per this many milliseconds. */
const COALESCE_MS = 250;
/** How often lists poll while the event stream is not connected. */
const FALLBACK_MS = 30_000;

const LiveContext = createContext(false);

type Listeners = Map<QueryFamily, Set<() => void>>;
const ListenersContext = createContext<Listeners>(new Map());

/** Whether this engine's event stream is connected, so cached lists are kept fresh without polling. */
export function useEventsLive(): boolean {
  return useContext(LiveContext);
}

/** `refetchInterval` for engine lists and detail pages: none while events arrive, a slow poll otherwise. */
export function useFallbackInterval(): number | false {
  return useEventsLive() ? false : FALLBACK_MS;
}

/** Calls `onChange` after each event of this engine that changes what `family` shows. */
export function useFamilyChanged(family: QueryFamily, onChange: () => void): void {
  const listeners = useContext(ListenersContext);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const call = () => latest.current();
    const set = listeners.get(family) ?? new Set();
    listeners.set(family, set.add(call));
    return () => void set.delete(call);
  }, [listeners, family]);
}

function onEngine(engine: string) {
  return (q: Query) => (q.queryKey[1] as { input?: { engine?: unknown } } | undefined)?.input?.engine === engine;
}

export function EngineEvents({ engine, children }: { engine: string; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const filtersFor = useCallback(
    (family: QueryFamily) => {
      const predicate = onEngine(engine);
      const paths = {
        containers: [trpc.containers.list.pathFilter(), trpc.containers.inspect.pathFilter()],
        images: [trpc.images.pathFilter()],
        volumes: [trpc.volumes.pathFilter()],
        networks: [trpc.networks.pathFilter()],
        df: [trpc.system.df.pathFilter()],
        swarm: [trpc.swarm.pathFilter()],
      }[family];
      return paths.map((f) => ({ ...f, predicate }));
    },
    [trpc, engine],
  );

  const [listeners] = useState<Listeners>(() => new Map());
  const timers = useRef(new Map<QueryFamily, ReturnType<typeof setTimeout>>());
  const schedule = useCallback(
    (family: QueryFamily) => {
      if (timers.current.has(family)) return;
      const fire = () => {
        const filters = filtersFor(family);
        // Invalidating cancels a fetch in flight; during a long burst that would starve a slow list. Wait for it.
        if (filters.some((f) => queryClient.isFetching(f) > 0)) {
          timers.current.set(family, setTimeout(fire, COALESCE_MS));
          return;
        }
        timers.current.delete(family);
        for (const f of filters) void queryClient.invalidateQueries(f);
      };
      timers.current.set(family, setTimeout(fire, COALESCE_MS));
    },
    [filtersFor, queryClient],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    };
  }, [engine]);

  const sub = useSubscription(
    trpc.system.events.subscriptionOptions(
      { engine },
      {
        onData: (ev) => {
          for (const family of familiesFor(ev.data)) {
            schedule(family);
            for (const call of listeners.get(family) ?? []) call();
          }
        },
      },
    ),
  );
  const live = sub.status === 'pending';

  // Whatever happened before the stream (re)connected was not heard: refresh everything once.
  useEffect(() => {
    if (live) for (const family of ALL_FAMILIES) schedule(family);
  }, [live, schedule]);

  return (
    <ListenersContext.Provider value={listeners}>
      <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
    </ListenersContext.Provider>
  );
}
