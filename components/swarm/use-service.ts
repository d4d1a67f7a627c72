'use client';
// One service with its spec and tasks, shared by its header and its tabs (one query, one cache entry).
import { useQuery } from '@tanstack/react-query';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { useTRPC } from '@/lib/trpc';

export function useService(engine: string, id: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.swarm.service.queryOptions({ engine, id }), retry: false, refetchInterval: useFallbackInterval() });
}
