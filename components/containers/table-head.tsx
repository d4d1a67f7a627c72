'use client';
// The containers table's head (select-all and sortable column heads) and its fixed column widths, both giving way
// to the columns that matter on a narrow window.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { Th } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import type { SortState } from '@/lib/use-sort';
import { COL_HIDE, type Row } from './container-row';
import type { SortKey } from './grouping';

/** A checkbox that also shows "some selected". */
export function TriCheckbox({ checked, some, label, onChange, tabIndex }: { checked: boolean; some: boolean; label: string; onChange: (on: boolean) => void; tabIndex?: number }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some && !checked;
  }, [some, checked]);
  return <input ref={ref} type="checkbox" aria-label={label} tabIndex={tabIndex} checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-3.5 align-middle accent-accent" />;
}

// Below this width the table scrolls sideways rather than squeezing names to nothing.
export const TABLE_CLASS = 'min-w-[620px] table-fixed lg:min-w-[900px]';

const WIDE = '(min-width: 64rem)';
const WIDER = '(min-width: 80rem)';

const media = (q: string): boolean => typeof matchMedia !== 'function' || matchMedia(q).matches;

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const lists = [matchMedia(WIDE), matchMedia(WIDER)];
  for (const l of lists) l.addEventListener('change', onChange);
  return () => {
    for (const l of lists) l.removeEventListener('change', onChange);
  };
}

/** How many columns the window shows (the same breakpoints as COL_HIDE), for cells that span the row. */
export function useColumnCount(canChange: boolean): number {
  const shown = useSyncExternalStore(
    subscribe,
    () => 3 + (media(WIDE) ? 3 : 0) + (media(WIDER) ? 2 : 0),
    () => 8,
  );
  return shown + (canChange ? 2 : 0);
}

export function Head({
  canChange,
  visible,
  selected,
  onSelectMany,
  sort,
}: {
  canChange: boolean;
  visible: Row[];
  selected: ReadonlySet<string>;
  onSelectMany?: (ids: string[], on: boolean) => void;
  sort?: SortState<SortKey>;
}) {
  const count = visible.reduce((n, r) => n + (selected.has(r.id) ? 1 : 0), 0);
  const head = (k: SortKey, label: string, className = '', numeric = false) =>
    sort ? (
      <SortTh sort={sort} k={k} numeric={numeric} className={className}>
        {label}
      </SortTh>
    ) : (
      <Th className={className}>{label}</Th>
    );
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
        {head('name', 'Name')}
        {head('image', 'Image', COL_HIDE.image)}
        {head('state', 'State')}
        {head('cpu', 'CPU %', `text-right ${COL_HIDE.cpu}`, true)}
        {head('memory', 'Memory', `text-right ${COL_HIDE.memory}`, true)}
        {head('status', 'Status', COL_HIDE.status)}
        {head('ports', 'Ports')}
        {head('created', 'Created', COL_HIDE.created, true)}
        {canChange ? <Th className="text-right">Actions</Th> : null}
      </tr>
    </thead>
  );
}

// The same breakpoints as COL_HIDE, for <col> elements (a column, not a cell, when shown).
const COL_WIDE = 'hidden lg:table-column';
const COL_WIDER = 'hidden xl:table-column';

/** Fixed column widths (the table lays out fixed): windowed rows and ticking figures never move a column. */
export function Columns({ canChange }: { canChange: boolean }) {
  return (
    <colgroup>
      {canChange ? <col className="w-8" /> : null}
      {/* Names differ most between rows: the name column takes the larger share of what the fixed columns leave. */}
      <col className="w-[70%]" />
      <col className={`w-[30%] ${COL_WIDE}`} />
      <col className="w-52" />
      <col className={`w-18 ${COL_WIDE}`} />
      <col className={`w-22 ${COL_WIDE}`} />
      <col className={`w-32 ${COL_WIDER}`} />
      <col className="w-28" />
      <col className={`w-28 ${COL_WIDER}`} />
      {canChange ? <col className="w-40" /> : null}
    </colgroup>
  );
}
