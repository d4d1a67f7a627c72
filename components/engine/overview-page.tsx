'use client';
// The engine overview: the selected engine's `docker info` and `docker version` essentials, then every engine Berth can reach.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { useTRPC } from '@/lib/trpc';
import { EngineInfoCards, EngineInfoSkeleton } from './engine-info';
import { EnginesTable } from './engines-table';
import { useHydrated } from '@/lib/use-hydrated';
import { useSettledError } from './use-settled-error';

export function OverviewPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  // No retries: an unreachable engine should say so at once, and the next poll tries again anyway.
  const info = useQuery({ ...trpc.engines.info.queryOptions({ engine }), refetchInterval: 5000, retry: false });
  const infoError = useSettledError(info);
  const engines = useQuery({ ...trpc.engines.list.queryOptions(), refetchInterval: 3000, placeholderData: keepPreviousData });
  // The sidebar shares the engines query; wait for hydration so the first render matches the server's.
  const list = hydrated ? engines.data : undefined;
  const down = list?.filter((e) => !e.health.reachable).length ?? 0;
  const health = list?.find((e) => e.name === engine)?.health;
  // A stale answer from before the engine went away must not sit under the error as if current.
  const d = infoError ? undefined : info.data;
  // The health probe's sentence names the host ("Nothing is listening at tcp://…"); prefer it when the engine is down.
  const problem = infoError && health && !health.reachable && health.error ? new Error(health.error.message) : infoError;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader
        title={
          <>
            Engine <span className="font-mono">{engine}</span>
          </>
        }
        subtitle={d ? `Docker ${d.serverVersion} · API ${d.apiVersion} · ${d.os}` : null}
      />
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {problem ? <ErrorBanner className="mb-4" error={problem} /> : null}
        {d ? <EngineInfoCards d={d} /> : info.isPending ? <EngineInfoSkeleton /> : null}
        <section aria-labelledby="all-engines" className="mt-6">
          <h2 id="all-engines" className="mb-2 flex items-baseline gap-2 text-[13px] font-semibold">
            All engines
            {list ? (
              <span className="font-normal text-muted tabular">
                {list.length} {list.length === 1 ? 'engine' : 'engines'}
                {down ? <span className="text-bad"> · {down} unreachable</span> : null}
              </span>
            ) : null}
          </h2>
          {engines.error ? <ErrorBanner className="mb-2" error={engines.error} /> : null}
          <EnginesTable engines={list} selected={engine} pending={!list} />
        </section>
      </div>
    </div>
  );
}
