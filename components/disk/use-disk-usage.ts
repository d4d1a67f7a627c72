'use client';
// The disk page's data: system.dfView polled while a slow engine computes, refreshed (throttled) by the engine's events.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useFamilyChanged } from '@/components/shell/engine-events';
import { useTRPC } from '@/lib/trpc';

export function useDiskUsage(engine: string) {
  const trpc = useTRPC();
  // "Newer than this snapshot": set by events and by Refresh; the server shares or starts one computation.
  const [after, setAfter] = useState<number | undefined>(undefined);
  const query = useQuery({
    ...trpc.system.dfView.queryOptions({ engine, after, waitMs: 400 }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.computing ? 500 : 60_000),
    refetchOnWindowFocus: false,
  });
  const usage = query.data?.usage ?? null;
  const latest = useRef<number | undefined>(undefined);
  latest.current = usage?.startedAt;
  const afterRef = useRef(after);
  afterRef.current = after;
  const duration = useRef(0);
  duration.current = usage?.durationMs ?? 0;

  const refetch = query.refetch;
  const refresh = useCallback(() => {
    const now = latest.current;
    if (now === undefined || now === afterRef.current) void refetch();
    else setAfter(now);
  }, [refetch]);

  // Pulls, builds and removals change usage. One refresh per burst, spaced by how long a df takes on this engine.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useFamilyChanged('df', () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, Math.max(1_500, 2 * duration.current));
  });

  return {
    usage,
    computing: query.data?.computing ?? null,
    error: query.error,
    pending: query.isPending,
    /** Ask for a snapshot newer than the one shown (after a cleanup, the server already has it). */
    refresh,
  };
}
