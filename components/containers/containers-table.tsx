'use client';
// The containers table: a header with select-all and sortable heads, compose project groups, and memoised rows,
// windowed so that only the lines in view (plus an overscan) are in the DOM, whatever the number of containers.
// The body is one tab stop: arrow keys move between lines, Enter opens one, Tab reaches the current line's controls.
import { type ReactNode, type RefObject, useMemo } from 'react';
import { Table } from '@/components/ui/data-table';
import type { SortState } from '@/lib/use-sort';
import { ContainerRow, type Row } from './container-row';
import { type GroupAction, GroupHeader } from './group-header';
import type { Group, SortKey } from './grouping';
import { Columns, Head, TABLE_CLASS, useColumnCount } from './table-head';
import type { ContainerAction, Pending } from './use-container-actions';
import type { Usage } from './use-usage';
import { useTableWindow } from './use-table-window';
import { type Line, toLines } from './windowing';

interface RowHandlers {
  engine: string;
  canChange: boolean;
  onSelect: (id: string, on: boolean) => void;
  onSelectMany: (ids: string[], on: boolean) => void;
  onAction: (row: Row, action: ContainerAction) => void;
  onGroupAction: (group: Group, action: GroupAction) => void;
}

export function ContainersTable({
  groups,
  visible,
  selected,
  pendingIds,
  usage,
  scrollRef,
  sort,
  ...handlers
}: RowHandlers & {
  groups: Group[];
  visible: Row[];
  selected: ReadonlySet<string>;
  pendingIds: Pending;
  usage: Record<string, Usage>;
  /** The element that scrolls the table: the window follows its scroll position and height. */
  scrollRef: RefObject<HTMLElement | null>;
  sort: SortState<SortKey>;
}) {
  const { canChange, engine, onSelect, onSelectMany, onAction, onGroupAction } = handlers;
  const lines = useMemo(() => toLines(groups), [groups]);
  const { bodyRef, runs, offsets, bodyProps, active } = useTableWindow(lines, scrollRef);
  const cols = useColumnCount(canChange);

  function renderLine(line: Line, index: number) {
    if (line.kind === 'group') {
      const g = line.group;
      const selectedCount = g.rows.reduce((n, r) => n + (selected.has(r.id) ? 1 : 0), 0);
      return (
        <GroupHeader
          key={`#${g.project}`}
          index={index}
          group={g}
          engine={engine}
          canChange={canChange}
          selectedCount={selectedCount}
          onSelectMany={onSelectMany}
          onGroupAction={onGroupAction}
          busy={g.rows.some((r) => pendingIds.has(r.id))}
          columns={cols}
          tabbable={index === active}
        />
      );
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
        pending={pendingIds.get(r.id)}
        usage={usage[r.id]}
        onSelect={onSelect}
        onAction={onAction}
        indent={line.indent}
        tabbable={index === active}
      />
    );
  }

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
    <Table className={TABLE_CLASS} aria-rowcount={lines.length + 1} aria-label="Containers">
      <Columns canChange={canChange} />
      <Head canChange={canChange} visible={visible} selected={selected} onSelectMany={onSelectMany} sort={sort} />
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
  const cells: [string, string][] = [
    ['w-36', ''],
    ['w-28', 'hidden lg:table-cell'],
    ['w-14', ''],
    ['ml-auto w-10', 'hidden lg:table-cell'],
    ['ml-auto w-12', 'hidden lg:table-cell'],
    ['w-24', 'hidden xl:table-cell'],
    ['w-16', ''],
    ['w-20', 'hidden xl:table-cell'],
  ];
  return (
    <Table aria-busy="true" aria-label="Loading containers" className={TABLE_CLASS}>
      <Columns canChange={canChange} />
      <Head canChange={canChange} visible={[]} selected={new Set()} />
      <tbody>
        {Array.from({ length: 8 }, (_, i) => (
          <tr key={i}>
            {canChange ? <td className="h-9 border-b border-line pl-3" /> : null}
            {cells.map(([w, hide], j) => (
              <td key={j} className={`h-9 border-b border-line px-3 ${hide}`}>
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
