'use client';
// The containers list: live, filterable in the URL, grouped by compose project, with single and bulk actions.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { Table, Th } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { useTRPC } from '@/lib/trpc';
import { BulkBar } from './bulk-bar';
import { ContainerRow, type Row } from './container-row';
import { groupRows, matches } from './grouping';
import { RemoveDialog } from './remove-dialog';
import { StateFilter } from './state-filter';
import { type ContainerAction, useContainerActions } from './use-container-actions';

export function ContainersPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const q = params.get('q') ?? '';
  const state = params.get('state') ?? 'all';
  const project = params.get('project') ?? '';
  const canChange = useCanChange();
  const list = useQuery({ ...trpc.containers.list.queryOptions({ engine }), refetchInterval: 2000, placeholderData: keepPreviousData });
  const { run, pending } = useContainerActions(engine);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [removing, setRemoving] = useState<Row[] | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const setParam = useCallback(
    (key: string, value: string) => {
      const next = new URLSearchParams(params.toString());
      if (value && !(key === 'state' && value === 'all')) next.set(key, value);
      else next.delete(key);
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  const rows = useMemo(() => (list.data ?? []).filter((r) => matches(r, q, state, project)), [list.data, q, state, project]);
  const groups = useMemo(() => groupRows(rows), [rows]);
  const byId = useMemo(() => new Map((list.data ?? []).map((r) => [r.id, r])), [list.data]);

  // Selection survives refreshes; ids that vanished leave it.
  useEffect(() => {
    setSelected((s) => {
      const kept = new Set([...s].filter((id) => byId.has(id)));
      return kept.size === s.size ? s : kept;
    });
  }, [byId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        filterRef.current?.focus();
      } else if (e.key === 'Escape') {
        setSelected(new Set());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSelect = useCallback((id: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const names = useCallback((rs: Row[]) => Object.fromEntries(rs.map((r) => [r.id, r.name])), []);
  const onAction = useCallback(
    (row: Row, action: ContainerAction) => {
      if (action === 'remove') setRemoving([row]);
      else void run(action, [row.id], names([row]));
    },
    [run, names],
  );

  const selectedRows: Row[] = [...selected].flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
  const running = (list.data ?? []).filter((r) => r.state === 'running').length;
  const allVisibleSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <div className="flex h-full flex-col">
      <PageHeader
        title="Containers"
        subtitle={list.data ? <span className="tabular">{running} running · {list.data.length} total</span> : null}
        actions={
          <>
            <StateFilter value={state} onChange={(v) => setParam('state', v)} />
            <label className="relative">
              <Search className="pointer-events-none absolute top-1.5 left-2 size-3.5 text-muted" aria-hidden />
              <Input ref={filterRef} aria-label="Filter containers" placeholder="Filter  /" defaultValue={q} onChange={(e) => setParam('q', e.target.value)} className="w-56 pl-7" />
            </label>
          </>
        }
      />
      {project ? (
        <div className="flex items-center gap-2 border-b border-line bg-panel px-4 py-1.5 text-muted">
          Compose project <span className="font-medium text-fg">{project}</span>
          <Button variant="link" onClick={() => setParam('project', '')}>
            Show all
          </Button>
        </div>
      ) : null}
      {canChange && selectedRows.length ? (
        <BulkBar rows={selectedRows} busy={pending} onClear={() => setSelected(new Set())} onAction={(a) => (a === 'remove' ? setRemoving(selectedRows) : void run(a, selectedRows.map((r) => r.id), names(selectedRows)))} />
      ) : null}
      {list.error ? <ErrorBanner className="m-4" error={list.error} /> : null}
      <div className="min-h-0 flex-1 overflow-auto">
        {list.isPending ? (
          <SkeletonTable />
        ) : list.data && rows.length === 0 ? (
          list.data.length === 0 ? (
            <EmptyState title="No containers on this engine">
              Start one with <code className="font-mono text-fg">docker run -d --name web -p 8080:80 nginx</code>.
            </EmptyState>
          ) : (
            <EmptyState title={q ? `No container matches “${q}”` : 'No container in this state'}>Clear the filter to see all {list.data.length}.</EmptyState>
          )
        ) : list.data ? (
          <Table>
            <thead>
              <tr>
                {canChange ? (
                  <Th className="w-8 pr-0">
                    <input
                      type="checkbox"
                      aria-label="Select all"
                      checked={allVisibleSelected}
                      onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                    />
                  </Th>
                ) : null}
                <Th>Name</Th>
                <Th>Image</Th>
                <Th>State</Th>
                <Th>Status</Th>
                <Th>Ports</Th>
                <Th>Created</Th>
                {canChange ? <Th className="text-right">Actions</Th> : null}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <Group key={g.project ?? ''} group={g} engine={engine} canChange={canChange} selected={selected} busy={pending} onSelect={onSelect} onAction={onAction} />
              ))}
            </tbody>
          </Table>
        ) : null}
      </div>
      <RemoveDialog
        names={removing?.map((r) => r.name) ?? null}
        anyRunning={Boolean(removing?.some((r) => r.state === 'running' || r.state === 'paused'))}
        busy={pending}
        onCancel={() => setRemoving(null)}
        onConfirm={async (opts) => {
          const rs = removing ?? [];
          await run('remove', rs.map((r) => r.id), names(rs), opts);
          setRemoving(null);
          setSelected(new Set());
        }}
      />
    </div>
  );
}

function Group(props: {
  group: { project?: string; rows: Row[] };
  engine: string;
  canChange: boolean;
  selected: Set<string>;
  busy: boolean;
  onSelect: (id: string, on: boolean) => void;
  onAction: (row: Row, action: ContainerAction) => void;
}) {
  const { group, engine, canChange, selected, busy, onSelect, onAction } = props;
  const running = group.rows.filter((r) => r.state === 'running').length;
  return (
    <>
      {group.project ? (
        <tr className="bg-panel/60">
          <td colSpan={canChange ? 8 : 6} className="h-8 border-b border-line px-3 text-[12px]">
            <span className="font-semibold">{group.project}</span>
            <span className="ml-2 text-muted tabular">
              compose · {running}/{group.rows.length} running
            </span>
            <Link href={`/e/${encodeURIComponent(engine)}/logs?project=${encodeURIComponent(group.project)}`} className="ml-3 text-accent hover:underline">
              Logs
            </Link>
          </td>
        </tr>
      ) : null}
      {group.rows.map((r) => (
        <ContainerRow key={r.id} row={r} engine={engine} selected={selected.has(r.id)} canChange={canChange} busy={busy} onSelect={onSelect} onAction={onAction} indent={Boolean(group.project)} />
      ))}
    </>
  );
}

function SkeletonTable() {
  return (
    <div aria-busy="true" aria-label="Loading containers">
      <div className="h-8 border-b border-line bg-panel" />
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="flex h-9 items-center gap-4 border-b border-line px-3">
          <div className="h-3 w-40 animate-pulse rounded bg-line" />
          <div className="h-3 w-32 animate-pulse rounded bg-line" />
          <div className="h-3 w-16 animate-pulse rounded bg-line" />
        </div>
      ))}
    </div>
  );
}
