'use client';
// Volumes: who uses each, create, and remove (the server refuses, with a sentence, while a container uses one).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ContainerLinks } from '@/components/engine/detail-parts';
import { ListFrame, Toggle } from '@/components/engine/list-frame';
import { RemoveButton, useRemoveDialog } from '@/components/engine/resource-dialogs';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Badge } from '@/components/ui/badge';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam, useQueryParams } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { formatAgo, formatDate } from '@/lib/utils';
import { CreateVolumeDialog } from './create-volume-dialog';

const SORTS = ['name', 'driver', 'users', 'created'] as const;
/** Columns that give way below 1024 px. */
const NARROW_HIDE = 'hidden lg:table-cell';

export function VolumesPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  const canChange = useCanChangeHydrated();
  const [, setParams] = useQueryParams();
  const [q, setQ] = useQueryParam('q');
  const [unused, setUnused] = useQueryParam('unused');
  const sort = useSort(SORTS, 'name');
  const list = useQuery({ ...trpc.volumes.list.queryOptions({ engine }), refetchInterval: fallback, placeholderData: keepPreviousData });
  const error = useSettledError(list);
  const remove = useMutation(trpc.volumes.remove.mutationOptions());
  const removal = useRemoveDialog('volume', remove, (v: { name: string }) => remove.mutateAsync({ engine, name: v.name }), trpc.volumes.list.queryKey(), <p>Its data is deleted for good.</p>);
  const [creating, setCreating] = useState(false);
  const e = encodeURIComponent(engine);

  const all = list.data ?? [];
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const shown = (list.data ?? []).filter((v) => (unused !== '1' || v.usedBy.length === 0) && (!needle || v.name.toLowerCase().includes(needle)));
    const value = (v: (typeof shown)[number]) => (sort.key === 'users' ? v.usedBy.length : sort.key === 'created' ? Date.parse(v.created ?? '') || 0 : v[sort.key]);
    // Named volumes before anonymous ones when sorting by name: their 64-hex names say nothing.
    return sortBy(shown, (v) => (sort.key === 'name' ? `${v.anonymous ? '~' : ''}${v.name}` : value(v)), sort.dir, (a, b) => a.name.localeCompare(b.name));
  }, [list.data, q, unused, sort.key, sort.dir]);
  const inUse = all.filter((v) => v.usedBy.length).length;
  const count = list.data ? (q || unused ? `${rows.length} of ${all.length} shown` : `${all.length} ${all.length === 1 ? 'volume' : 'volumes'} · ${inUse} in use`) : null;

  return (
    <>
      <ListFrame
        title="Volumes"
        noun="volumes"
        count={count}
        filter={q}
        onFilter={setQ}
        toggles={<Toggle label="Unused only" checked={unused === '1'} onChange={(on) => setUnused(on ? '1' : '')} />}
        create={canChange ? { label: 'Create volume', onClick: () => setCreating(true) } : null}
        error={error}
        pending={list.isPending}
        total={list.data?.length}
        shown={rows.length}
        columns={canChange ? 6 : 5}
        onClearFilters={() => setParams({ q: '', unused: '' })}
        empty={{
          title: 'No volumes on this engine',
          hint: (
            <>
              Volumes keep data beyond a container’s life. Create one here, or with <code className="font-mono text-fg">docker volume create data</code>.
            </>
          ),
        }}
        head={
          <tr>
            <SortTh sort={sort} k="name" className="w-[36%]">
              Name
            </SortTh>
            <SortTh sort={sort} k="driver" className={`w-24 ${NARROW_HIDE}`}>
              Driver
            </SortTh>
            <SortTh sort={sort} k="users">
              In use by
            </SortTh>
            <SortTh sort={sort} k="created" numeric className="w-32">
              Created
            </SortTh>
            <Th className={`w-[26%] ${NARROW_HIDE}`}>Mount point</Th>
            {canChange ? <Th className="w-20 text-right">Actions</Th> : null}
          </tr>
        }
      >
        {rows.map((v) => (
          <Tr key={v.name} data-volume={v.name}>
            <Td className="max-w-0 truncate" title={v.name}>
              <Link href={`/e/${e}/volumes/${encodeURIComponent(v.name)}`} className="font-medium hover:text-accent hover:underline">
                {v.anonymous ? <span className="font-mono text-[12px]">{v.name.slice(0, 12)}…</span> : v.name}
              </Link>
              {v.anonymous ? <Badge className="ml-2">anonymous</Badge> : null}
            </Td>
            <Td className={`text-muted ${NARROW_HIDE}`}>{v.driver}</Td>
            <Td className="max-w-0 truncate">
              <ContainerLinks engine={engine} names={v.usedBy} none={<span className="text-muted">—</span>} />
            </Td>
            <Td className="whitespace-nowrap text-muted tabular" title={formatDate(v.created)}>
              {formatAgo(v.created)}
            </Td>
            <Td className={`max-w-0 truncate font-mono text-[12px] text-muted ${NARROW_HIDE}`} title={v.mountpoint}>
              {v.mountpoint}
            </Td>
            {canChange ? (
              <Td className="text-right">
                <RemoveButton name={v.name} onClick={() => removal.ask(v)} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </ListFrame>
      {removal.dialog}
      <CreateVolumeDialog engine={engine} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
