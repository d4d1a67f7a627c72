'use client';
// The inspected container, refreshed by the engine's events without flicker.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { useTRPC } from '@/lib/trpc';

export function useContainer(engine: string, id: string) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  return useQuery({ ...trpc.containers.inspect.queryOptions({ engine, id }), refetchInterval: fallback, placeholderData: keepPreviousData, retry: false });
}
