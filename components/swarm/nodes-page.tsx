'use client';
// Swarm nodes: role and leader, availability, status, engine, resources, labels and tasks; admins drain, pause,
// activate, promote, demote, label and remove them.
import { usePrefetchQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ListFrame } from '@/components/engine/list-frame';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Badge } from '@/components/ui/badge';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import type { SwarmNode } from '@/lib/swarm';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { cn, formatBytes } from '@/lib/utils';
import { availabilityTone, nodeTone } from './format';
import { LabelChips } from './label-chips';
import { NodeActionButtons, useNodeActions } from './node-actions';
import { ManagerOnly } from './swarm-gate';
import { useListOptions } from './use-swarm';

const SORTS = ['hostname', 'role', 'availability', 'state', 'cpus', 'memory', 'tasks'] as const;
const NARROW_HIDE = 'hidden lg:table-cell';
const dash = <span className="text-muted">—</span>;

function sortValue(n: SwarmNode, key: (typeof SORTS)[number]): string | number | undefined {
  switch (key) {
    case 'hostname':
      return n.hostname;
    case 'role':
      return n.manager?.leader ? 'a' : n.role;
    case 'cpus':
      return n.cpus ?? undefined;
    case 'memory':
      return n.memoryBytes ?? undefined;
    case 'tasks':
      return n.tasksRunning;
    default:
      return n[key];
  }
}

function RoleCell({ n }: { n: SwarmNode }) {
  if (n.role === 'worker') return <span className="text-muted">worker</span>;
  return (
    <span className="flex items-center gap-1.5">
      manager
      {n.manager?.leader ? (
        <Badge tone="info">leader</Badge>
      ) : n.manager ? (
        <Badge tone={n.manager.reachability === 'reachable' ? 'neutral' : 'bad'} title="Reachability in the managers' raft">
          {n.manager.reachability}
        </Badge>
      ) : null}
    </span>
  );
}

function NodesList({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const canChange = useCanChangeHydrated();
  const [q, setQ] = useQueryParam('q');
  const sort = useSort(SORTS, 'hostname');
  const list = useQuery({ ...trpc.swarm.nodes.queryOptions({ engine }), ...useListOptions() });
  const error = useSettledError(list);
  const actions = useNodeActions(engine);
  const all = list.data ?? [];
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const shown = needle
      ? (list.data ?? []).filter(
          (n) => n.hostname.toLowerCase().includes(needle) || n.id.startsWith(needle) || n.role === needle || n.availability === needle || n.state === needle || Object.entries(n.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(needle)),
        )
      : (list.data ?? []);
    return sortBy(shown, (n) => sortValue(n, sort.key), sort.dir, (a, b) => a.hostname.localeCompare(b.hostname));
  }, [list.data, q, sort.key, sort.dir]);
  const ready = all.filter((n) => n.state === 'ready').length;
  const count = list.data ? (q ? `${rows.length} of ${all.length} shown` : `${all.length} ${all.length === 1 ? 'node' : 'nodes'} · ${ready} ready`) : null;

  return (
    <>
      <ListFrame
        title="Nodes"
        noun="nodes"
        count={count}
        filter={q}
        onFilter={setQ}
        error={error}
        pending={list.isPending}
        total={list.data?.length}
        shown={rows.length}
        columns={canChange ? 10 : 9}
        onClearFilters={() => setQ('')}
        empty={{ title: 'No nodes', hint: 'The manager lists no node: the swarm may be forming.' }}
        head={
          <tr>
            <SortTh sort={sort} k="hostname" className="min-w-36">
              Hostname
            </SortTh>
            <SortTh sort={sort} k="role" className="w-32 lg:w-40">
              Role
            </SortTh>
            <SortTh sort={sort} k="availability" className="w-24 lg:w-28">
              Availability
            </SortTh>
            <SortTh sort={sort} k="state" className="w-24">
              Status
            </SortTh>
            <Th className={`w-24 ${NARROW_HIDE}`}>Engine</Th>
            <SortTh sort={sort} k="cpus" numeric className={`w-16 text-right ${NARROW_HIDE}`}>
              CPUs
            </SortTh>
            <SortTh sort={sort} k="memory" numeric className={`w-24 text-right ${NARROW_HIDE}`}>
              Memory
            </SortTh>
            <Th className={`w-[16%] ${NARROW_HIDE}`}>Labels</Th>
            <SortTh sort={sort} k="tasks" numeric className="w-16 text-right lg:w-20">
              Tasks
            </SortTh>
            {canChange ? <Th className="w-44 text-right">Actions</Th> : null}
          </tr>
        }
      >
        {rows.map((n) => (
          <Tr key={n.id} data-node={n.hostname}>
            <Td className="max-w-0">
              <span className="flex min-w-0 items-center gap-1.5">
                <span className="max-w-full shrink-0 truncate font-medium" title={n.hostname}>
                  {n.hostname}
                </span>
                {n.self ? (
                  <Badge className="shrink-0" title="Berth is connected to this node">
                    this engine
                  </Badge>
                ) : null}
                {n.addr ? (
                  <span className="hidden min-w-0 truncate font-mono text-[11px] text-muted xl:inline" title={n.addr}>
                    {n.addr}
                  </span>
                ) : null}
              </span>
            </Td>
            <Td data-role={n.role}>
              <RoleCell n={n} />
            </Td>
            <Td>
              <Badge tone={availabilityTone(n.availability)} data-availability={n.availability}>
                {n.availability}
              </Badge>
            </Td>
            <Td>
              <Badge tone={nodeTone(n.state)} title={n.message ?? undefined} data-state={n.state}>
                <span aria-hidden className="size-1.5 rounded-full bg-current" />
                {n.state}
              </Badge>
            </Td>
            <Td className={`font-mono text-[12px] text-muted ${NARROW_HIDE}`}>{n.engineVersion ?? dash}</Td>
            <Td className={`text-right tabular ${NARROW_HIDE}`}>{n.cpus ?? dash}</Td>
            <Td className={`text-right whitespace-nowrap tabular ${NARROW_HIDE}`}>{n.memoryBytes ? formatBytes(n.memoryBytes) : dash}</Td>
            <Td className={`max-w-0 ${NARROW_HIDE}`}>
              <LabelChips labels={n.labels} />
            </Td>
            <Td className={cn('text-right tabular', !n.tasksRunning && 'text-muted')} data-tasks>
              {n.tasksRunning}
            </Td>
            {canChange ? (
              <Td className="text-right">
                <NodeActionButtons node={n} busy={actions.busy === n.id} onAction={(a) => actions.run(n, a)} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </ListFrame>
      {actions.dialogs}
    </>
  );
}

export function NodesPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  // Asked at once, beside the engine's swarm status, not after it.
  usePrefetchQuery({ ...trpc.swarm.nodes.queryOptions({ engine }), retry: false });
  return (
    <ManagerOnly engine={engine} title="Nodes">
      <NodesList engine={engine} />
    </ManagerOnly>
  );
}
