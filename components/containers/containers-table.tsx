'use client';
// The containers table: a header with select-all, compose project groups, and memoised rows.
import Link from 'next/link';
import { memo, useEffect, useRef } from 'react';
import { Table, Th } from '@/components/ui/data-table';
import { ContainerRow, type Row } from './container-row';
import type { Group } from './grouping';
import type { ContainerAction } from './use-container-actions';

interface RowHandlers {
  engine: string;
  canChange: boolean;
  onSelect: (id: string, on: boolean) => void;
  onSelectMany: (ids: string[], on: boolean) => void;
  onAction: (row: Row, action: ContainerAction) => void;
}

/** A checkbox that also shows "some selected". */
function TriCheckbox({ checked, some, label, onChange }: { checked: boolean; some: boolean; label: string; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some && !checked;
  }, [some, checked]);
  return <input ref={ref} type="checkbox" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-3.5 align-middle accent-accent" />;
}

function Head({ canChange, visible, selected, onSelectMany }: { canChange: boolean; visible: Row[]; selected: ReadonlySet<string>; onSelectMany?: (ids: string[], on: boolean) => void }) {
  const count = visible.reduce((n, r) => n + (selected.has(r.id) ? 1 : 0), 0);
  return (
    <thead>
      <tr>
        {canChange ? (
          <Th className="w-8 pr-0">
            <TriCheckbox
              label="Select all"
              checked={visible.length > 0 && count === visible.length}
              some={count > 0}
              onChange={(on) => onSelectMany?.(visible.map((r) => r.id), on)}
            />
          </Th>
        ) : null}
        <Th>Name</Th>
        <Th>Image</Th>
        <Th className="w-24">State</Th>
        <Th>Status</Th>
        <Th>Ports</Th>
        <Th className="w-32">Created</Th>
        {canChange ? <Th className="w-40 text-right">Actions</Th> : null}
      </tr>
    </thead>
  );
}

const GroupHeader = memo(function GroupHeader({
  group,
  engine,
  canChange,
  selectedCount,
  onSelectMany,
}: {
  group: Group;
  engine: string;
  canChange: boolean;
  selectedCount: number;
  onSelectMany: (ids: string[], on: boolean) => void;
}) {
  const project = group.project ?? '';
  return (
    <tr className="bg-panel/60" data-project={project}>
      {canChange ? (
        <td className="h-8 w-8 border-b border-line pr-0 pl-3">
          <TriCheckbox
            label={`Select project ${project}`}
            checked={selectedCount === group.rows.length}
            some={selectedCount > 0}
            onChange={(on) => onSelectMany(group.rows.map((r) => r.id), on)}
          />
        </td>
      ) : null}
      <td colSpan={canChange ? 7 : 6} className="h-8 border-b border-line px-3 text-[12px]">
        <span className="font-semibold">{project}</span>
        <span className="ml-2 text-muted tabular">
          compose · {group.running}/{group.rows.length} running
        </span>
        <Link href={`/e/${encodeURIComponent(engine)}/logs?project=${encodeURIComponent(project)}`} prefetch={false} className="ml-3 text-accent hover:underline">
          Logs
        </Link>
      </td>
    </tr>
  );
});

export function ContainersTable({
  groups,
  visible,
  selected,
  pendingIds,
  ...handlers
}: RowHandlers & { groups: Group[]; visible: Row[]; selected: ReadonlySet<string>; pendingIds: ReadonlySet<string> }) {
  return (
    <Table>
      <Head canChange={handlers.canChange} visible={visible} selected={selected} onSelectMany={handlers.onSelectMany} />
      <tbody>
        {groups.map((g) => (
          <GroupRows key={g.project ?? ''} group={g} selected={selected} pendingIds={pendingIds} {...handlers} />
        ))}
      </tbody>
    </Table>
  );
}

function GroupRows({ group, selected, pendingIds, engine, canChange, onSelect, onSelectMany, onAction }: RowHandlers & { group: Group; selected: ReadonlySet<string>; pendingIds: ReadonlySet<string> }) {
  const selectedCount = group.project ? group.rows.reduce((n, r) => n + (selected.has(r.id) ? 1 : 0), 0) : 0;
  return (
    <>
      {group.project ? <GroupHeader group={group} engine={engine} canChange={canChange} selectedCount={selectedCount} onSelectMany={onSelectMany} /> : null}
      {group.rows.map((r) => (
        <ContainerRow
          key={r.id}
          row={r}
          engine={engine}
          selected={selected.has(r.id)}
          canChange={canChange}
          busy={pendingIds.has(r.id)}
          onSelect={onSelect}
          onAction={onAction}
          indent={Boolean(group.project)}
        />
      ))}
    </>
  );
}

/** Placeholder rows as tall as real ones, under the real header, so nothing moves when data arrives. */
export function SkeletonTable({ canChange }: { canChange: boolean }) {
  const widths = ['w-36', 'w-28', 'w-14', 'w-24', 'w-16', 'w-20'];
  return (
    <Table aria-busy="true" aria-label="Loading containers">
      <Head canChange={canChange} visible={[]} selected={new Set()} />
      <tbody>
        {Array.from({ length: 8 }, (_, i) => (
          <tr key={i}>
            {canChange ? <td className="h-9 w-8 border-b border-line pl-3" /> : null}
            {widths.map((w, j) => (
              <td key={j} className="h-9 border-b border-line px-3">
                <div className={`h-3 ${w} animate-pulse rounded bg-line`} />
              </td>
            ))}
            {canChange ? <td className="h-9 border-b border-line px-3" /> : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
