'use client';
// Secrets and configs: names, dates, labels and the services that use them, never their data; admins create and
// remove them.
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ListFrame } from '@/components/engine/list-frame';
import { RemoveButton } from '@/components/engine/resource-dialogs';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import type { SwarmObject } from '@/lib/swarm';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { formatAgo, formatDate } from '@/lib/utils';
import { CreateObjectDialog } from './create-object-dialog';
import { LabelChips } from './label-chips';
import { ManagerOnly } from './swarm-gate';
import { useListOptions, useSwarmAction } from './use-swarm';

export type ObjectKind = 'secret' | 'config';
const SORTS = ['name', 'created', 'updated', 'used'] as const;
const NARROW_HIDE = 'hidden lg:table-cell';

function ObjectsList({ engine, kind }: { engine: string; kind: ObjectKind }) {
  const trpc = useTRPC();
  const canChange = useCanChangeHydrated();
  const [q, setQ] = useQueryParam('q');
  const sort = useSort(SORTS, 'name');
  const options = useListOptions();
  const secrets = useQuery({ ...trpc.swarm.secrets.queryOptions({ engine }), ...options, enabled: kind === 'secret' });
  const configs = useQuery({ ...trpc.swarm.configs.queryOptions({ engine }), ...options, enabled: kind === 'config' });
  const list = kind === 'secret' ? secrets : configs;
  const error = useSettledError(list);
  const removeSecret = useMutation(trpc.swarm.removeSecret.mutationOptions());
  const removeConfig = useMutation(trpc.swarm.removeConfig.mutationOptions());
  const remove = kind === 'secret' ? removeSecret : removeConfig;
  const act = useSwarmAction();
  const [removing, setRemoving] = useState<SwarmObject | null>(null);
  const [creating, setCreating] = useState(false);
  const e = encodeURIComponent(engine);
  const plural = `${kind}s`;
  const all = list.data ?? [];
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const shown = needle ? (list.data ?? []).filter((o) => o.name.toLowerCase().includes(needle) || o.id.startsWith(needle) || o.usedBy.some((s) => s.name.toLowerCase().includes(needle))) : (list.data ?? []);
    const value = (o: SwarmObject) => (sort.key === 'name' ? o.name : sort.key === 'used' ? o.usedBy.length : Date.parse(sort.key === 'created' ? o.createdAt : o.updatedAt));
    return sortBy(shown, value, sort.dir, (a, b) => a.name.localeCompare(b.name));
  }, [list.data, q, sort.key, sort.dir]);
  const count = list.data ? (q ? `${rows.length} of ${all.length} shown` : `${all.length} ${all.length === 1 ? kind : plural}`) : null;
  const title = kind === 'secret' ? 'Secrets' : 'Configs';

  return (
    <>
      <ListFrame
        title={title}
        noun={plural}
        count={count}
        filter={q}
        onFilter={setQ}
        create={canChange ? { label: `Create ${kind}`, onClick: () => setCreating(true) } : null}
        error={error}
        pending={list.isPending}
        total={list.data?.length}
        shown={rows.length}
        columns={canChange ? 6 : 5}
        onClearFilters={() => setQ('')}
        empty={{
          title: `No ${plural} in this swarm`,
          hint:
            kind === 'secret' ? (
              <>
                Services read secrets as files under <code className="font-mono text-fg">/run/secrets</code>; the swarm keeps them encrypted.
              </>
            ) : (
              <>Configs hold files services mount, such as a proxy’s configuration, without baking them into an image.</>
            ),
        }}
        head={
          <tr>
            <SortTh sort={sort} k="name">
              Name
            </SortTh>
            <SortTh sort={sort} k="created" numeric className="w-32">
              Created
            </SortTh>
            <SortTh sort={sort} k="updated" numeric className={`w-32 ${NARROW_HIDE}`}>
              Updated
            </SortTh>
            <Th className={`w-[22%] ${NARROW_HIDE}`}>Labels</Th>
            <SortTh sort={sort} k="used" className="w-[26%]">
              Used by
            </SortTh>
            {canChange ? <Th className="w-20 text-right">Actions</Th> : null}
          </tr>
        }
      >
        {rows.map((o) => (
          <Tr key={o.id} data-object={o.name}>
            <Td className="max-w-0">
              <span className="block truncate font-medium" title={`${o.name} · ${o.id}`}>
                {o.name}
              </span>
            </Td>
            <Td className="whitespace-nowrap text-muted tabular" title={formatDate(o.createdAt)}>
              {formatAgo(o.createdAt)}
            </Td>
            <Td className={`whitespace-nowrap text-muted tabular ${NARROW_HIDE}`} title={formatDate(o.updatedAt)}>
              {formatAgo(o.updatedAt)}
            </Td>
            <Td className={`max-w-0 ${NARROW_HIDE}`}>
              <LabelChips labels={o.labels} />
            </Td>
            <Td className="max-w-0">
              {o.usedBy.length ? (
                <span className="block truncate" title={o.usedBy.map((s) => s.name).join(', ')}>
                  {o.usedBy.map((s, i) => (
                    <span key={s.id}>
                      {i ? ', ' : null}
                      <Link href={`/e/${e}/swarm/services/${encodeURIComponent(s.id)}/spec`} className="text-accent hover:underline">
                        {s.name}
                      </Link>
                    </span>
                  ))}
                </span>
              ) : (
                <span className="text-muted">unused</span>
              )}
            </Td>
            {canChange ? (
              <Td className="text-right">
                <RemoveButton name={o.name} onClick={() => setRemoving(o)} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </ListFrame>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${kind} ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          const o = removing;
          if (!o) return;
          await act(() => remove.mutateAsync({ engine, id: o.id }), `Removed ${kind} ${o.name}.`);
          setRemoving(null);
        }}
      >
        <p>Its data is gone for good: the swarm keeps no copy.</p>
        {removing?.usedBy.length ? (
          <p className="text-fg">
            {removing.usedBy.map((s) => s.name).join(', ')} {removing.usedBy.length === 1 ? 'uses' : 'use'} it: the engine refuses while a service does.
          </p>
        ) : null}
      </ConfirmDialog>
      <CreateObjectDialog engine={engine} kind={kind} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

export function ObjectsPage({ engine, kind }: { engine: string; kind: ObjectKind }) {
  return (
    <ManagerOnly engine={engine} title={kind === 'secret' ? 'Secrets' : 'Configs'}>
      <ObjectsList engine={engine} kind={kind} />
    </ManagerOnly>
  );
}
