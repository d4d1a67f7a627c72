'use client';
// Overlay networks: the swarm-scoped networks with their subnet, flags, stack and the services attached.
import { usePrefetchQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { ListFrame } from '@/components/engine/list-frame';
import { useSettledError } from '@/components/engine/use-settled-error';
import { Badge } from '@/components/ui/badge';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { shortId } from '@/lib/utils';
import { ManagerOnly } from './swarm-gate';
import { useListOptions } from './use-swarm';

const SORTS = ['name', 'services', 'stack'] as const;
const NARROW_HIDE = 'hidden lg:table-cell';

function NetworksList({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const [q, setQ] = useQueryParam('q');
  const sort = useSort(SORTS, 'name');
  const list = useQuery({ ...trpc.swarm.networks.queryOptions({ engine }), ...useListOptions() });
  const error = useSettledError(list);
  const e = encodeURIComponent(engine);
  const all = list.data ?? [];
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const shown = needle
      ? (list.data ?? []).filter((n) => n.name.toLowerCase().includes(needle) || n.id.startsWith(needle) || (n.subnet ?? '').includes(needle) || n.services.some((s) => s.name.toLowerCase().includes(needle)))
      : (list.data ?? []);
    const value = (n: (typeof shown)[number]) => (sort.key === 'name' ? n.name : sort.key === 'services' ? n.services.length : (n.stack ?? undefined));
    return sortBy(shown, value, sort.dir, (a, b) => a.name.localeCompare(b.name));
  }, [list.data, q, sort.key, sort.dir]);
  const count = list.data ? (q ? `${rows.length} of ${all.length} shown` : `${all.length} overlay ${all.length === 1 ? 'network' : 'networks'}`) : null;

  return (
    <ListFrame
      title="Overlay networks"
      noun="overlay networks"
      count={count}
      filter={q}
      onFilter={setQ}
      error={error}
      pending={list.isPending}
      total={list.data?.length}
      shown={rows.length}
      columns={5}
      onClearFilters={() => setQ('')}
      empty={{
        title: 'No overlay networks',
        hint: (
          <>
            Services on different nodes reach each other over one: <code className="font-mono text-fg">docker network create -d overlay app</code>.
          </>
        ),
      }}
      head={
        <tr>
          <SortTh sort={sort} k="name" className="w-[24%]">
            Name
          </SortTh>
          <Th className="w-36">Subnet</Th>
          <SortTh sort={sort} k="stack" className={`w-40 ${NARROW_HIDE}`}>
            Stack
          </SortTh>
          <SortTh sort={sort} k="services">
            Services
          </SortTh>
          <Th className={`w-32 ${NARROW_HIDE}`}>ID</Th>
        </tr>
      }
    >
      {rows.map((n) => (
        <Tr key={n.id} data-network={n.name}>
          <Td className="max-w-0">
            <span className="flex min-w-0 items-center gap-1.5">
              <span className="truncate font-medium" title={n.name}>
                {n.name}
              </span>
              {n.ingress ? <Badge tone="info" title="The routing mesh's network">ingress</Badge> : null}
              {n.internal ? <Badge tone="warn">internal</Badge> : null}
              {n.attachable ? <Badge>attachable</Badge> : null}
            </span>
          </Td>
          <Td className="font-mono text-[12px]">{n.subnet ?? <span className="text-muted">—</span>}</Td>
          <Td className={`max-w-0 ${NARROW_HIDE}`}>
            {n.stack ? (
              <Link href={`/e/${e}/swarm/stacks?q=${encodeURIComponent(n.stack)}`} className="block truncate text-accent hover:underline">
                {n.stack}
              </Link>
            ) : (
              <span className="text-muted">—</span>
            )}
          </Td>
          <Td className="max-w-0">
            {n.services.length ? (
              <span className="block truncate" title={n.services.map((s) => s.name).join(', ')}>
                {n.services.map((s, i) => (
                  <span key={s.id}>
                    {i ? ', ' : null}
                    <Link href={`/e/${e}/swarm/services/${encodeURIComponent(s.id)}`} className="text-accent hover:underline">
                      {s.name}
                    </Link>
                  </span>
                ))}
              </span>
            ) : (
              <span className="text-muted">no service attached</span>
            )}
          </Td>
          <Td className={`font-mono text-[12px] text-muted ${NARROW_HIDE}`}>{shortId(n.id)}</Td>
        </Tr>
      ))}
    </ListFrame>
  );
}

export function OverlayNetworksPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  // Asked at once, beside the engine's swarm status, not after it.
  usePrefetchQuery({ ...trpc.swarm.networks.queryOptions({ engine }), retry: false });
  return (
    <ManagerOnly engine={engine} title="Overlay networks">
      <NetworksList engine={engine} />
    </ManagerOnly>
  );
}
