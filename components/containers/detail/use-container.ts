'use client';
// The inspected container, refreshed every two seconds without flicker.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

export function useContainer(engine: string, id: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.containers.inspect.queryOptions({ engine, id }), refetchInterval: 2000, placeholderData: keepPreviousData, retry: false });
}
