// A table whose columns sort on click (again to reverse); the sort lives in the URL so it survives reloads and links.
import { ArrowDown, ArrowUp } from 'lucide-react';
import { type ReactNode, useMemo } from 'react';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { cn } from '@/lib/utils';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by. */
  value: (row: T) => number | string;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  className?: string;
}

export function SortableTable<T>(props: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  sort: string;
  dir: 'asc' | 'desc';
  onSort: (key: string, dir: 'asc' | 'desc') => void;
  empty: string;
}) {
  const { rows, columns, sort, dir } = props;
  const column = columns.find((c) => c.key === sort) ?? columns[0]!;
  const sorted = useMemo(() => {
    const f = column.value;
    const sign = dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = f(a);
      const y = f(b);
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  }, [rows, column, dir]);
  return (
    <Table aria-label={props.label} data-rows={rows.length}>
      <thead>
        <tr>
          {columns.map((c) => {
            const active = c.key === column.key;
            return (
              <Th key={c.key} className={cn(c.numeric && 'text-right', c.className)} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  className={cn('inline-flex items-center gap-1 uppercase hover:text-fg', active && 'text-fg')}
                  onClick={() => props.onSort(c.key, active ? (dir === 'asc' ? 'desc' : 'asc') : c.numeric ? 'desc' : 'asc')}
                >
                  {c.label}
                  {active ? dir === 'asc' ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden /> : null}
                </button>
              </Th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.length === 0 ? (
          <tr>
            <Td colSpan={columns.length} className="text-muted">
              {props.empty}
            </Td>
          </tr>
        ) : null}
        {sorted.map((r) => (
          <Tr key={props.rowKey(r)}>
            {columns.map((c) => (
              <Td key={c.key} className={cn(c.numeric && 'text-right tabular', c.className)}>
                {c.render ? c.render(r) : String(c.value(r))}
              </Td>
            ))}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
