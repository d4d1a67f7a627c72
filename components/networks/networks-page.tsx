'use client';
// Networks: driver, addressing, attached containers; create, and remove (built-in ones cannot be removed).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ListFrame } from '@/components/engine/list-frame';
import { RemoveButton, useRemoveDialog } from '@/components/engine/resource-dialogs';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Badge } from '@/components/ui/badge';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { cn, formatAgo, formatDate, shortId } from '@/lib/utils';
import { CreateNetworkDialog } from './create-network-dialog';

const dash = <span className="text-muted">—</span>;
const SORTS = ['name', 'driver', 'containers', 'created'] as const;
/** Columns that give way below 1024 px. */
const NARROW_HIDE = 'hidden lg:table-cell';

export function NetworksPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  const canChange = useCanChangeHydrated();
  const [q, setQ] = useQueryParam('q');
  const sort = useSort(SORTS, 'name');
  const list = useQuery({ ...trpc.networks.list.queryOptions({ engine }), refetchInterval: fallback, placeholderData: keepPreviousData });
  const error = useSettledError(list);
  const remove = useMutation(trpc.networks.remove.mutationOptions());
  const removal = useRemoveDialog(
    'network',
    remove,
    (n: { id: string; name: string }) => remove.mutateAsync({ engine, id: n.id }),
    trpc.networks.list.queryKey(),
    <p>Containers can no longer join it; the engine refuses while one is attached.</p>,
  );
  const [creating, setCreating] = useState(false);
  const e = encodeURIComponent(engine);

  const all = list.data ?? [];
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const shown = needle ? (list.data ?? []).filter((n) => n.name.toLowerCase().includes(needle) || n.id.startsWith(needle) || n.driver === needle || n.subnet.includes(needle)) : (list.data ?? []);
    return sortBy(shown, (n) => (sort.key === 'name' ? n.name : n[sort.key]), sort.dir, (a, b) => a.name.localeCompare(b.name));
  }, [list.data, q, sort.key, sort.dir]);
  const count = list.data ? (q ? `${rows.length} of ${all.length} shown` : `${all.length} ${all.length === 1 ? 'network' : 'networks'}`) : null;

  return (
    <>
      <ListFrame
        title="Networks"
        noun="networks"
        count={count}
        filter={q}
        onFilter={setQ}
        create={canChange ? { label: 'Create network', onClick: () => setCreating(true) } : null}
        error={error}
        pending={list.isPending}
        total={list.data?.length}
        shown={rows.length}
        columns={canChange ? 8 : 7}
        onClearFilters={() => setQ('')}
        empty={{
          title: 'No networks on this engine',
          hint: (
            <>
              Create one so containers can reach each other by name, or run <code className="font-mono text-fg">docker network create app</code>.
            </>
          ),
        }}
        head={
          <tr>
            <SortTh sort={sort} k="name">
              Name
            </SortTh>
            <SortTh sort={sort} k="driver" className="w-24">
              Driver
            </SortTh>
            <Th className={`w-20 ${NARROW_HIDE}`}>Scope</Th>
            <Th className="w-36">Subnet</Th>
            <Th className={`w-32 ${NARROW_HIDE}`}>Gateway</Th>
            <SortTh sort={sort} k="containers" numeric className="w-28 text-right">
              Containers
            </SortTh>
            <SortTh sort={sort} k="created" numeric className={`w-32 ${NARROW_HIDE}`}>
              Created
            </SortTh>
            {canChange ? <Th className="w-20 text-right">Actions</Th> : null}
          </tr>
        }
      >
        {rows.map((n) => (
          <Tr key={n.id} data-network={n.name}>
            <Td className="max-w-0">
              <span className="flex min-w-0 items-center gap-1.5">
                <Link href={`/e/${e}/networks/${shortId(n.id)}`} title={n.name} className="truncate font-medium hover:text-accent hover:underline">
                  {n.name}
                </Link>
                {n.builtin ? <Badge>built-in</Badge> : null}
                {n.internal ? <Badge tone="warn">internal</Badge> : null}
                {n.attachable ? <Badge tone="info">attachable</Badge> : null}
              </span>
            </Td>
            <Td className="text-muted">{n.driver}</Td>
            <Td className={`text-muted ${NARROW_HIDE}`}>{n.scope}</Td>
            <Td className="font-mono text-[12px]">{n.subnet || dash}</Td>
            <Td className={`font-mono text-[12px] ${NARROW_HIDE}`}>{n.gateway || dash}</Td>
            <Td className={cn('text-right tabular', !n.containers && 'text-muted')}>{n.containers}</Td>
            <Td className={`whitespace-nowrap text-muted tabular ${NARROW_HIDE}`} title={formatDate(n.created)}>
              {formatAgo(n.created)}
            </Td>
            {canChange ? (
              <Td className="text-right">
                {n.builtin ? null : <RemoveButton name={n.name} onClick={() => removal.ask(n)} />}
              </Td>
            ) : null}
          </Tr>
        ))}
      </ListFrame>
      {removal.dialog}
      <CreateNetworkDialog engine={engine} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
