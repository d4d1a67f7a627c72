'use client';
// The containers list: live (engine events, CPU and memory), filterable in the URL, grouped by compose project,
// windowed, with single and bulk actions.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FilterInput } from '@/components/engine/filter-input';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { useTRPC } from '@/lib/trpc';
import { useQueryParams } from '@/lib/use-query-params';
import { useSort } from '@/lib/use-sort';
import { BulkBar } from './bulk-bar';
import type { Row } from './container-row';
import { ContainersTable, SkeletonTable } from './containers-table';
import type { GroupAction } from './group-header';
import { type Group, SORT_KEYS, groupRows, matches } from './grouping';
import { KillDialog } from './kill-dialog';
import { RemoveDialog } from './remove-dialog';
import { StateFilter, parseStateFilter } from './state-filter';
import { type ContainerAction, useContainerActions } from './use-container-actions';
import { useUsage } from './use-usage';

const EMPTY: Row[] = [];
const nameMap = (rs: Row[]) => Object.fromEntries(rs.map((r) => [r.id, r.name]));

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement);
}

export function ContainersPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  const [params, set] = useQueryParams();
  const q = params.get('q') ?? '';
  const state = parseStateFilter(params.get('state'));
  const project = params.get('project') ?? '';
  const canChange = useCanChangeHydrated();
  const list = useQuery({ ...trpc.containers.list.queryOptions({ engine }), refetchInterval: fallback, placeholderData: keepPreviousData });
  const { run, pendingIds, pending } = useContainerActions(engine);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [removing, setRemoving] = useState<Row[] | null>(null);
  const [killing, setKilling] = useState<Row[] | null>(null);
  const sort = useSort(SORT_KEYS, 'name');
  const filterRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const usage = useUsage(engine);

  const all = list.data ?? EMPTY;
  // Structural sharing keeps `all` the same object while nothing changed, so none of this reruns.
  const visible = useMemo(() => {
    const needle = q.toLowerCase();
    return all.filter((r) => matches(r, needle, state, project));
  }, [all, q, state, project]);
  // Usage only matters to the order when sorting by it: otherwise a stats tick must not regroup the list.
  const sortUsage = sort.key === 'cpu' || sort.key === 'memory' ? usage : undefined;
  const groups = useMemo(() => groupRows(visible, { key: sort.key, dir: sort.dir, usage: sortUsage }), [visible, sort.key, sort.dir, sortUsage]);
  const byId = useMemo(() => new Map(all.map((r) => [r.id, r])), [all]);
  const running = useMemo(() => all.reduce((n, r) => n + (r.state === 'running' ? 1 : 0), 0), [all]);

  // Selection survives refreshes; ids that vanished leave it.
  useEffect(() => {
    setSelected((s) => {
      const kept = new Set([...s].filter((id) => byId.has(id)));
      return kept.size === s.size ? s : kept;
    });
  }, [byId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      } else if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
        setSelected((s) => (s.size ? new Set() : s));
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
  const onSelectMany = useCallback((ids: string[], on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const onAction = useCallback(
    (row: Row, action: ContainerAction) => {
      if (action === 'remove') setRemoving([row]);
      else if (action === 'kill') setKilling([row]);
      else void run(action, [row.id], nameMap([row]));
    },
    [run],
  );
  const onGroupAction = useCallback(
    (group: Group, action: GroupAction) => {
      if (action === 'remove') return setRemoving(group.rows);
      // Only the containers the action applies to: starting a running one or stopping a stopped one is no news.
      const live = (r: Row) => r.state === 'running' || r.state === 'paused' || r.state === 'restarting';
      const rows = group.rows.filter((r) => (action === 'start' ? !live(r) : live(r)));
      if (rows.length) void run(action, rows.map((r) => r.id), nameMap(rows));
    },
    [run],
  );

  const selectedRows = useMemo(() => [...selected].flatMap((id) => byId.get(id) ?? []), [selected, byId]);
  const clearFilters = () => set({ q: '', state: '', project: '' });
  const filtered = Boolean(q || project || state !== 'all');

  return (
    <div className="relative flex h-full flex-col">
      <PageHeader
        title="Containers"
        subtitle={
          list.data ? (
            <span className="tabular">
              {running} running · {all.length} total{filtered ? ` · ${visible.length} shown` : ''}
            </span>
          ) : null
        }
        actions={
          <>
            <StateFilter value={state} onChange={(v) => set({ state: v === 'all' ? '' : v })} />
            <FilterInput
              label="Filter containers"
              placeholder="Name, image, id or project"
              inputRef={filterRef}
              value={q}
              onChange={(v) => set({ q: v })}
              onArrowDown={() => scrollRef.current?.querySelector<HTMLElement>('tbody tr[tabindex="0"]')?.focus()}
              clearable
              className="w-44 lg:w-64"
            />
          </>
        }
      />
      {project ? (
        <div className="flex h-8 shrink-0 items-center gap-2 border-b border-line bg-panel px-4 text-muted">
          Compose project <span className="font-medium text-fg">{project}</span>
          <Button variant="link" onClick={() => set({ project: '' })}>
            Show all projects
          </Button>
        </div>
      ) : null}
      {list.error ? <ErrorBanner className="mx-4 mt-3" error={list.error} /> : null}
      {/* scroll-pt: a row reached with Tab scrolls into view below the sticky header, not under it. */}
      <div ref={scrollRef} className="min-h-0 flex-1 scroll-pt-9 overflow-auto" style={selectedRows.length ? { paddingBottom: '4rem' } : undefined}>
        {list.isPending ? (
          <SkeletonTable canChange={canChange} />
        ) : !list.data ? null : all.length === 0 ? (
          <EmptyState title="No containers on this engine">
            Start one with <code className="rounded bg-panel px-1 font-mono text-[12px] text-fg">docker run -d --name web -p 8080:80 nginx</code>
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState title={q ? `No container matches "${q}"` : 'No container matches these filters'}>
            <span>
              {all.length} container{all.length === 1 ? '' : 's'} on this engine.{' '}
              <Button variant="link" onClick={clearFilters}>
                Clear the filters
              </Button>
            </span>
          </EmptyState>
        ) : (
          <ContainersTable
            groups={groups}
            visible={visible}
            selected={selected}
            pendingIds={pendingIds}
            usage={usage}
            scrollRef={scrollRef}
            engine={engine}
            canChange={canChange}
            onSelect={onSelect}
            onSelectMany={onSelectMany}
            onAction={onAction}
            onGroupAction={onGroupAction}
            sort={sort}
          />
        )}
      </div>
      {/* Bottom left, floating: no layout shift when selecting, and clear of the toasts in the bottom right. */}
      {canChange && selectedRows.length ? (
        <div className="pointer-events-none absolute right-4 bottom-4 left-4 flex justify-start">
          <BulkBar
            rows={selectedRows}
            busy={pending}
            onClear={() => setSelected(new Set())}
            onAction={(a) =>
              a === 'remove' ? setRemoving(selectedRows) : a === 'kill' ? setKilling(selectedRows) : void run(a, selectedRows.map((r) => r.id), nameMap(selectedRows))
            }
          />
        </div>
      ) : null}
      <RemoveDialog
        targets={removing}
        busy={pending}
        onCancel={() => setRemoving(null)}
        onConfirm={async (opts) => {
          const rs = removing ?? [];
          // Closed at once: the rows say "removing…" until the engine has removed them.
          setRemoving(null);
          const ok = await run('remove', rs.map((r) => r.id), nameMap(rs), opts);
          if (ok) onSelectMany(rs.map((r) => r.id), false);
        }}
      />
      <KillDialog
        targets={killing}
        busy={false}
        onCancel={() => setKilling(null)}
        onConfirm={() => {
          const rs = killing ?? [];
          setKilling(null);
          void run('kill', rs.map((r) => r.id), nameMap(rs));
        }}
      />
    </div>
  );
}
