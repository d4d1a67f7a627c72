'use client';
// The containers table: a header with select-all, compose project groups, and memoised rows, windowed so that
// only the lines in view (plus an overscan) are in the DOM, whatever the number of containers.
import Link from 'next/link';
import { type ReactNode, type RefObject, memo, useEffect, useMemo, useRef } from 'react';
import { Table, Th } from '@/components/ui/data-table';
import { ContainerRow, type Row } from './container-row';
import type { Group } from './grouping';
import type { ContainerAction } from './use-container-actions';
import type { Usage } from './use-usage';
import { useTableWindow } from './use-table-window';
import { type Line, toLines } from './windowing';

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
          <Th className="pr-0">
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
        <Th>State</Th>
        <Th className="text-right">CPU %</Th>
        <Th className="text-right">Memory</Th>
        <Th>Status</Th>
        <Th>Ports</Th>
        <Th>Created</Th>
        {canChange ? <Th className="text-right">Actions</Th> : null}
      </tr>
    </thead>
  );
}

/** Fixed column widths (the table lays out fixed): windowed rows and ticking figures never move a column. */
function Columns({ canChange }: { canChange: boolean }) {
  return (
    <colgroup>
      {canChange ? <col className="w-8" /> : null}
      {/* Names matter most: the name column takes the larger share of what the fixed columns leave. */}
      <col className="w-[58%]" />
      <col className="w-[42%]" />
      <col className="w-22" />
      <col className="w-18" />
      <col className="w-20" />
      <col className="w-32" />
      <col className="w-28" />
      <col className="w-24" />
      {canChange ? <col className="w-40" /> : null}
    </colgroup>
  );
}

function columnCount(canChange: boolean): number {
  return canChange ? 10 : 8;
}

// Below this width the table scrolls sideways rather than squeezing names and images to nothing.
const TABLE_CLASS = 'min-w-[960px] table-fixed';

const GroupHeader = memo(function GroupHeader({
  group,
  engine,
  canChange,
  selectedCount,
  onSelectMany,
  index,
}: {
  group: Group;
  engine: string;
  canChange: boolean;
  selectedCount: number;
  onSelectMany: (ids: string[], on: boolean) => void;
  index: number;
}) {
  const project = group.project ?? '';
  return (
    <tr className="bg-panel/60" data-project={project} data-line={index} aria-rowindex={index + 2}>
      {canChange ? (
        <td className="h-8 border-b border-line pr-0 pl-3">
          <TriCheckbox
            label={`Select project ${project}`}
            checked={selectedCount === group.rows.length}
            some={selectedCount > 0}
            onChange={(on) => onSelectMany(group.rows.map((r) => r.id), on)}
          />
        </td>
      ) : null}
      <td colSpan={columnCount(canChange) - (canChange ? 1 : 0)} className="h-8 truncate border-b border-line px-3 text-[12px]">
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
  usage,
  scrollRef,
  ...handlers
}: RowHandlers & {
  groups: Group[];
  visible: Row[];
  selected: ReadonlySet<string>;
  pendingIds: ReadonlySet<string>;
  usage: Record<string, Usage>;
  /** The element that scrolls the table: the window follows its scroll position and height. */
  scrollRef: RefObject<HTMLElement | null>;
}) {
  const { canChange, engine, onSelect, onSelectMany, onAction } = handlers;
  const lines = useMemo(() => toLines(groups), [groups]);
  const { bodyRef, runs, offsets, bodyProps } = useTableWindow(lines, scrollRef);

  function renderLine(line: Line, index: number) {
    if (line.kind === 'group') {
      const g = line.group;
      const selectedCount = g.rows.reduce((n, r) => n + (selected.has(r.id) ? 1 : 0), 0);
      return <GroupHeader key={`#${g.project}`} index={index} group={g} engine={engine} canChange={canChange} selectedCount={selectedCount} onSelectMany={onSelectMany} />;
    }
    const r = line.row;
    return (
      <ContainerRow
        key={r.id}
        index={index}
        row={r}
        engine={engine}
        selected={selected.has(r.id)}
        canChange={canChange}
        busy={pendingIds.has(r.id)}
        usage={usage[r.id]}
        onSelect={onSelect}
        onAction={onAction}
        indent={line.indent}
      />
    );
  }

  const cols = columnCount(canChange);
  const body: ReactNode[] = [];
  let y = 0;
  for (const [from, to] of runs) {
    const gap = offsets[from]! - y;
    if (gap > 0) body.push(<Spacer key={`gap-${from}`} height={gap} cols={cols} />);
    for (let i = from; i < to; i++) body.push(renderLine(lines[i]!, i));
    y = offsets[to]!;
  }
  const rest = offsets[lines.length]! - y;
  if (rest > 0) body.push(<Spacer key="gap-end" height={rest} cols={cols} />);

  return (
    <Table className={TABLE_CLASS} aria-rowcount={lines.length + 1}>
      <Columns canChange={canChange} />
      <Head canChange={canChange} visible={visible} selected={selected} onSelectMany={onSelectMany} />
      <tbody ref={bodyRef} {...bodyProps}>
        {body}
      </tbody>
    </Table>
  );
}

/** Stands in for the lines above or below the window, so the scrollbar and scroll position stay true. */
function Spacer({ height, cols }: { height: number; cols: number }) {
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={cols} className="p-0" />
    </tr>
  );
}

/** Placeholder rows as tall as real ones, under the real header, so nothing moves when data arrives. */
export function SkeletonTable({ canChange }: { canChange: boolean }) {
  const widths = ['w-36', 'w-28', 'w-14', 'ml-auto w-10', 'ml-auto w-12', 'w-24', 'w-16', 'w-20'];
  return (
    <Table aria-busy="true" aria-label="Loading containers" className={TABLE_CLASS}>
      <Columns canChange={canChange} />
      <Head canChange={canChange} visible={[]} selected={new Set()} />
      <tbody>
        {Array.from({ length: 8 }, (_, i) => (
          <tr key={i}>
            {canChange ? <td className="h-9 border-b border-line pl-3" /> : null}
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
