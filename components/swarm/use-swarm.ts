'use client';
// The swarm pages' shared hooks: the engine's place in a swarm, list polling only while events are down, and
// mutations that end in a toast (the engine's sentence on a refusal) and a refresh of every swarm query.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { useToast } from '@/components/ui/toast';
import { errorView } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

/** How this engine stands in a swarm; the sidebar and every swarm page share it. */
export function useSwarmStatus(engine: string, enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.swarm.status.queryOptions({ engine }), staleTime: 10_000, retry: false, refetchInterval: useFallbackInterval(), enabled });
}

/** Options every swarm list shares: refreshed by engine events, polled only while they are down. */
export function useListOptions() {
  return { refetchInterval: useFallbackInterval(), placeholderData: keepPreviousData, retry: false } as const;
}

/** Refreshes every swarm query of this tab (after a change made from a dialog that shows its own errors). */
export function useRefreshSwarm(): () => Promise<void> {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries(trpc.swarm.pathFilter()), [qc, trpc]);
}

/**
 * Runs one swarm change: a toast with `done` when it worked, the engine's sentence when it did not, then every swarm
 * query of the page is refreshed (engine events do it too; this is for the user who acted). Answers whether it worked.
 */
export function useSwarmAction() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  return useCallback(
    async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
      try {
        await work();
        toast('ok', done);
        return true;
      } catch (err) {
        toast('bad', errorView(err).message);
        return false;
      } finally {
        await qc.invalidateQueries(trpc.swarm.pathFilter());
      }
    },
    [qc, toast, trpc],
  );
}
