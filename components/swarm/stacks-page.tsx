'use client';
// Stacks: the services a `docker stack deploy` made, grouped by com.docker.stack.namespace, with what else the stack
// owns; admins remove a whole stack.
import { useMutation, usePrefetchQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ListFrame } from '@/components/engine/list-frame';
import { RemoveButton } from '@/components/engine/resource-dialogs';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import type { SwarmStack } from '@/lib/swarm';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { ReplicasText } from './service-cells';
import { ManagerOnly } from './swarm-gate';
import { useListOptions, useSwarmAction } from './use-swarm';

const SORTS = ['name', 'services'] as const;
const NARROW_HIDE = 'hidden lg:table-cell';

function names(xs: string[]): string {
  return xs.length ? xs.join(', ') : '—';
}

function StacksList({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const canChange = useCanChangeHydrated();
  const [q, setQ] = useQueryParam('q');
  const sort = useSort(SORTS, 'name');
  const list = useQuery({ ...trpc.swarm.stacks.queryOptions({ engine }), ...useListOptions() });
  const error = useSettledError(list);
  const remove = useMutation(trpc.swarm.removeStack.mutationOptions());
  const act = useSwarmAction();
  const [removing, setRemoving] = useState<SwarmStack | null>(null);
  const e = encodeURIComponent(engine);
  const all = list.data ?? [];
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const shown = needle ? (list.data ?? []).filter((s) => s.name.toLowerCase().includes(needle) || s.services.some((x) => x.name.toLowerCase().includes(needle))) : (list.data ?? []);
    return sortBy(shown, (s) => (sort.key === 'name' ? s.name : s.services.length), sort.dir, (a, b) => a.name.localeCompare(b.name));
  }, [list.data, q, sort.key, sort.dir]);
  const count = list.data ? (q ? `${rows.length} of ${all.length} shown` : `${all.length} ${all.length === 1 ? 'stack' : 'stacks'}`) : null;

  return (
    <>
      <ListFrame
        title="Stacks"
        noun="stacks"
        count={count}
        filter={q}
        onFilter={setQ}
        error={error}
        pending={list.isPending}
        total={list.data?.length}
        shown={rows.length}
        columns={canChange ? 5 : 4}
        onClearFilters={() => setQ('')}
        empty={{
          title: 'No stacks in this swarm',
          hint: (
            <>
              Deploy one from a compose file with <code className="font-mono text-fg">docker stack deploy -c compose.yaml app</code>.
            </>
          ),
        }}
        head={
          <tr>
            <SortTh sort={sort} k="name" className="w-[22%]">
              Stack
            </SortTh>
            <SortTh sort={sort} k="services">
              Services
            </SortTh>
            <Th className={`w-[18%] ${NARROW_HIDE}`}>Networks</Th>
            <Th className={`w-[18%] ${NARROW_HIDE}`}>Secrets and configs</Th>
            {canChange ? <Th className="w-20 text-right">Actions</Th> : null}
          </tr>
        }
      >
        {rows.map((s) => (
          <Tr key={s.name} data-stack={s.name}>
            <Td className="max-w-0 align-top">
              <Link href={`/e/${e}/swarm/services?q=${encodeURIComponent(s.name)}`} className="block truncate py-2 font-medium hover:text-accent hover:underline" title={`Services of ${s.name}`}>
                {s.name}
              </Link>
            </Td>
            <Td className="h-auto py-1.5">
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {s.services.map((x) => (
                  <li key={x.id} className="flex items-center gap-1.5 whitespace-nowrap">
                    <Link href={`/e/${e}/swarm/services/${encodeURIComponent(x.id)}`} className="text-accent hover:underline">
                      {x.name}
                    </Link>
                    <span className="text-[12px]">
                      <ReplicasText s={x} />
                    </span>
                  </li>
                ))}
              </ul>
            </Td>
            <Td className={`max-w-0 align-top text-muted ${NARROW_HIDE}`}>
              <span className="block truncate py-2" title={names(s.networks)}>
                {names(s.networks)}
              </span>
            </Td>
            <Td className={`max-w-0 align-top text-muted ${NARROW_HIDE}`}>
              <span className="block truncate py-2" title={names([...s.secrets, ...s.configs])}>
                {names([...s.secrets, ...s.configs])}
              </span>
            </Td>
            {canChange ? (
              <Td className="text-right align-top">
                <span className="inline-block py-1">
                  <RemoveButton name={s.name} onClick={() => setRemoving(s)} />
                </span>
              </Td>
            ) : null}
          </Tr>
        ))}
      </ListFrame>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove stack ${removing?.name ?? ''}?`}
        confirmLabel="Remove stack"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          const s = removing;
          if (!s) return;
          await act(() => remove.mutateAsync({ engine, name: s.name }), `Removed stack ${s.name}.`);
          setRemoving(null);
        }}
      >
        {removing ? (
          <>
            <p>
              Its {removing.services.length} {removing.services.length === 1 ? 'service' : 'services'} stop on every node and are removed, with the stack’s networks, secrets and configs.
            </p>
            <p className="break-words text-fg">{removing.services.map((x) => x.name).join(', ')}</p>
          </>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

export function StacksPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  // Asked at once, beside the engine's swarm status, not after it.
  usePrefetchQuery({ ...trpc.swarm.stacks.queryOptions({ engine }), retry: false });
  return (
    <ManagerOnly engine={engine} title="Stacks">
      <StacksList engine={engine} />
    </ManagerOnly>
  );
}
