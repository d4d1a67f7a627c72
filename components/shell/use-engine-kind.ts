'use client';
// What kind of engine a name stands for (socket, env, context, vm), from the engine list the sidebar already holds.
import { useQuery } from '@tanstack/react-query';
import type { RouterOutputs } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';

export type EngineKind = RouterOutputs['engines']['list'][number]['kind'];

export function useEngineKind(engine: string): EngineKind | undefined {
  const trpc = useTRPC();
  const engines = useQuery({ ...trpc.engines.list.queryOptions(), refetchInterval: 15_000 });
  return engines.data?.find((e) => e.name === engine)?.kind;
}
