'use client';
// The frame every resource list shares: header with count, filter ("/" focuses it), error, skeleton and empty states.
import { Plus } from 'lucide-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Table } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { FilterInput } from './filter-input';
import { useRowFocus } from './use-row-focus';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** "/" anywhere outside a field focuses the filter, as in GitHub and Docker Desktop. */
export function useSlashFocus() {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      ref.current?.focus();
      ref.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return ref;
}

function ListFilter({ noun, value, onChange }: { noun: string; value: string; onChange: (v: string) => void }) {
  const ref = useSlashFocus();
  return (
    <FilterInput
      label={`Filter ${noun}`}
      placeholder="Filter  /"
      value={value}
      onChange={onChange}
      inputRef={ref}
      className="w-56"
      // Down from the filter goes into the list, to the row that holds its tab stop.
      onArrowDown={() => document.querySelector<HTMLElement>('main tbody[data-rows] > tr[tabindex="0"]')?.focus()}
    />
  );
}

/** The rows of a list, one tab stop with arrow keys (see useRowFocus). */
function Rows({ children }: { children: ReactNode }) {
  const focus = useRowFocus();
  return (
    <tbody data-rows ref={focus.ref} onKeyDown={focus.onKeyDown} onFocus={focus.onFocus}>
      {children}
    </tbody>
  );
}

export function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  // Ticks at once; the URL (and so `checked`) follows a moment later, after the router's transition.
  const [on, setOn] = useState(checked);
  useEffect(() => setOn(checked), [checked]);
  return (
    <label className="flex h-7 cursor-pointer items-center gap-1.5 rounded-md border border-line bg-raised px-2 text-[12px] text-fg select-none has-checked:border-accent has-checked:text-accent">
      <input
        type="checkbox"
        className="accent-accent"
        checked={on}
        onChange={(e) => {
          setOn(e.target.checked);
          onChange(e.target.checked);
        }}
      />
      {label}
    </label>
  );
}

function SkeletonRows({ columns, rows = 6 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <tr key={i} aria-hidden>
          {Array.from({ length: columns }, (_, j) => (
            <td key={j} className="h-9 border-b border-line px-3 align-middle">
              <div className="h-3 animate-pulse rounded bg-line" style={{ width: `${[70, 45, 55, 35, 60][(i + j) % 5]}%` }} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export interface ListFrameProps {
  title: string;
  /** Plural noun, for the filter's name and the empty states. */
  noun: string;
  count?: ReactNode;
  filter: string;
  onFilter: (v: string) => void;
  /** Other filters (toggles) sit before the text filter; actions (create) after. */
  toggles?: ReactNode;
  actions?: ReactNode;
  /** The primary button that opens a create dialog; left out for those who may not change anything. */
  create?: { label: string; onClick: () => void } | null;
  error: unknown;
  pending: boolean;
  /** Rows before and after filtering; undefined while nothing has loaded. */
  total: number | undefined;
  shown: number;
  columns: number;
  head: ReactNode;
  empty: { title: string; hint: ReactNode };
  onClearFilters: () => void;
  children: ReactNode;
}

export function ListFrame(p: ListFrameProps) {
  let body: ReactNode;
  if (p.pending && !p.error) {
    body = (
      <Table aria-busy="true" aria-label={`Loading ${p.noun}`}>
        <thead>{p.head}</thead>
        <tbody>
          <SkeletonRows columns={p.columns} />
        </tbody>
      </Table>
    );
  } else if (p.total === undefined) {
    body = null;
  } else if (p.total === 0) {
    body = <EmptyState title={p.empty.title}>{p.empty.hint}</EmptyState>;
  } else if (p.shown === 0) {
    body = (
      <EmptyState title={`Nothing matches${p.filter ? ` “${p.filter}”` : ' these filters'}`}>
        None of the {p.total} {p.noun} match.{' '}
        <button type="button" className="text-accent hover:underline" onClick={p.onClearFilters}>
          Clear the filters
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <Table>
        <thead>{p.head}</thead>
        <Rows>{p.children}</Rows>
      </Table>
    );
  }
  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader
        title={p.title}
        subtitle={p.count ? <span className="tabular">{p.count}</span> : null}
        actions={
          <>
            {p.toggles}
            <ListFilter noun={p.noun} value={p.filter} onChange={p.onFilter} />
            {p.actions}
            {p.create ? (
              <Button variant="primary" onClick={p.create.onClick}>
                <Plus aria-hidden /> {p.create.label}
              </Button>
            ) : null}
          </>
        }
      />
      {p.error ? <ErrorBanner className="m-4 mb-0" error={p.error} /> : null}
      <div className="min-h-0 flex-1 overflow-auto">{body}</div>
    </div>
  );
}
