'use client';
// Swarm services: mode, replicas running/desired, image, ports, update state and stack, with admins' actions; or,
// with ?view=matrix, where their tasks run (nodes × services).
import { usePrefetchQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { memo, useMemo } from 'react';
import { ListFrame } from '@/components/engine/list-frame';
import { useRowWindow, WindowSpacer } from '@/components/engine/use-row-window';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import { TabStrip } from '@/components/ui/tab-strip';
import type { SwarmService } from '@/lib/swarm';
import { sortBy } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { formatAgo, formatDate } from '@/lib/utils';
import { ReplicasText, ServicePorts, UpdateCell } from './service-cells';
import { type ServiceAction, ServiceActionButtons, useServiceActions } from './service-actions';
import { MatrixHead, MatrixRow, useMatrix } from './services-matrix';
import { ManagerOnly } from './swarm-gate';
import { modeWord } from './format';
import { useListOptions } from './use-swarm';

const SORTS = ['name', 'mode', 'replicas', 'image', 'stack', 'updated'] as const;
const NARROW_HIDE = 'hidden lg:table-cell';
const VIEWS = [
  { key: 'list', label: 'List' },
  { key: 'matrix', label: 'Matrix' },
] as const;

function sortValue(s: SwarmService, key: (typeof SORTS)[number]): string | number | undefined {
  if (key === 'replicas') return s.desired ? s.running / s.desired : s.running;
  if (key === 'updated') return Date.parse(s.updatedAt);
  if (key === 'stack') return s.stack ?? undefined;
  return s[key];
}

/** One service's line; memoised, so a refresh re-renders only the services that changed. */
const ServiceRow = memo(function ServiceRow({
  engine,
  service: s,
  canChange,
  onAction,
}: {
  engine: string;
  service: SwarmService;
  canChange: boolean;
  onAction: (s: SwarmService, a: ServiceAction) => void;
}) {
  const e = encodeURIComponent(engine);
  return (
    <Tr data-service={s.name}>
      <Td className="max-w-0">
        <span className="flex min-w-0 items-center gap-1.5">
          <Link href={`/e/${e}/swarm/services/${encodeURIComponent(s.id)}`} prefetch={false} title={`${s.name} · updated ${formatAgo(s.updatedAt)} (${formatDate(s.updatedAt)})`} className="truncate font-medium hover:text-accent hover:underline">
            {s.name}
          </Link>
          {s.mode !== 'replicated' ? <span className="shrink-0 text-[11px] text-muted lg:hidden">{modeWord(s.mode)}</span> : null}
        </span>
      </Td>
      <Td className={`whitespace-nowrap text-muted ${NARROW_HIDE}`}>{modeWord(s.mode)}</Td>
      <Td className="text-right" data-replicas>
        <ReplicasText s={s} />
      </Td>
      <Td className="max-w-0">
        <span className="block truncate font-mono text-[12px]" title={s.image}>
          {s.image}
        </span>
      </Td>
      <Td className={`max-w-0 ${NARROW_HIDE}`}>
        <ServicePorts ports={s.ports} />
      </Td>
      <Td className="max-w-0">
        <UpdateCell update={s.update} />
      </Td>
      <Td className={`max-w-0 ${NARROW_HIDE}`}>
        {s.stack ? (
          <Link href={`/e/${e}/swarm/stacks?q=${encodeURIComponent(s.stack)}`} prefetch={false} className="block truncate text-accent hover:underline" title={`Stack ${s.stack}`}>
            {s.stack}
          </Link>
        ) : (
          <span className="text-muted">—</span>
        )}
      </Td>
      {canChange ? (
        <Td className="text-right">
          <ServiceActionButtons service={s} onAction={(a) => onAction(s, a)} />
        </Td>
      ) : null}
    </Tr>
  );
});

function ServicesList({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const canChange = useCanChangeHydrated();
  const [q, setQ] = useQueryParam('q');
  const [viewParam, setView] = useQueryParam('view');
  const view = viewParam === 'matrix' ? 'matrix' : 'list';
  const sort = useSort(SORTS, 'name');
  const list = useQuery({ ...trpc.swarm.services.queryOptions({ engine }), ...useListOptions() });
  const matrix = useMatrix(engine, view === 'matrix');
  const error = useSettledError(list) ?? matrix.error;
  const actions = useServiceActions(engine);

  const all = list.data ?? [];
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const shown = needle
      ? (list.data ?? []).filter((s) => s.name.toLowerCase().includes(needle) || s.id.startsWith(needle) || s.image.toLowerCase().includes(needle) || (s.stack ?? '').toLowerCase() === needle || s.mode === needle)
      : (list.data ?? []);
    return sortBy(shown, (s) => sortValue(s, sort.key), sort.dir, (a, b) => a.name.localeCompare(b.name));
  }, [list.data, q, sort.key, sort.dir]);
  const short = all.filter((s) => s.running < s.desired).length;
  const count = list.data ? (
    q ? (
      `${rows.length} of ${all.length} shown`
    ) : (
      <>
        {all.length} {all.length === 1 ? 'service' : 'services'}
        {short ? <span className="text-warn"> · {short} short of replicas</span> : null}
      </>
    )
  ) : null;
  const matrixMode = view === 'matrix';
  const nodes = matrix.nodes;
  const columns = matrixMode ? 1 + nodes.length : canChange ? 8 : 7;
  // Hundreds of services render the rows in view, not all of them.
  const win = useRowWindow(rows.length);

  return (
    <>
      <ListFrame
        title="Services"
        noun="services"
        count={count}
        filter={q}
        onFilter={setQ}
        toggles={<TabStrip label="View" look="pill" tabs={VIEWS} current={view} onSelect={(k) => setView(k === 'list' ? '' : k)} />}
        error={error}
        pending={list.isPending || (matrixMode && matrix.pending)}
        total={list.data?.length}
        shown={rows.length}
        columns={columns}
        onClearFilters={() => setQ('')}
        empty={{
          title: 'No services in this swarm',
          hint: (
            <>
              Create one with <code className="font-mono text-fg">docker service create --name web nginx</code> or deploy a stack with{' '}
              <code className="font-mono text-fg">docker stack deploy</code>.
            </>
          ),
        }}
        head={
          matrixMode ? (
            <MatrixHead sort={sort} nodes={nodes} />
          ) : (
            <tr>
              <SortTh sort={sort} k="name">
                Name
              </SortTh>
              <SortTh sort={sort} k="mode" className={`w-24 ${NARROW_HIDE}`}>
                Mode
              </SortTh>
              <SortTh sort={sort} k="replicas" numeric className="w-24 text-right">
                Replicas
              </SortTh>
              <SortTh sort={sort} k="image" className="w-[18%]">
                Image
              </SortTh>
              <Th className={`w-28 ${NARROW_HIDE}`}>Ports</Th>
              <Th className="w-36">Update</Th>
              <SortTh sort={sort} k="stack" className={`w-32 ${NARROW_HIDE}`}>
                Stack
              </SortTh>
              {canChange ? <Th className="w-44 text-right">Actions</Th> : null}
            </tr>
          )
        }
      >
        {win.windowed ? <WindowSpacer rowRef={win.anchor} height={win.before} columns={columns} /> : null}
        {rows.slice(win.start, win.end).map((s) =>
          matrixMode ? (
            <MatrixRow key={s.id} engine={engine} service={s} nodes={nodes} counts={matrix.counts.get(s.id)} />
          ) : (
            <ServiceRow key={s.id} engine={engine} service={s} canChange={canChange} onAction={actions.run} />
          ),
        )}
        {win.after ? <WindowSpacer height={win.after} columns={columns} /> : null}
      </ListFrame>
      {actions.dialogs}
    </>
  );
}

export function ServicesPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  // Asked at once, beside the engine's swarm status, not after it.
  usePrefetchQuery({ ...trpc.swarm.services.queryOptions({ engine }), retry: false });
  return (
    <ManagerOnly engine={engine} title="Services">
      <ServicesList engine={engine} />
    </ManagerOnly>
  );
}

