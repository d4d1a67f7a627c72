'use client';
// A column head that sorts its list: a button inside the header cell, with aria-sort telling the order.
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { ReactNode } from 'react';
import type { SortState } from '@/lib/use-sort';
import { cn } from '@/lib/utils';
import { Th } from './data-table';

export function SortTh<K extends string>({ sort, k, numeric, className, children }: { sort: SortState<K>; k: K; numeric?: boolean; className?: string; children: ReactNode }) {
  const active = sort.key === k;
  const Arrow = sort.dir === 'asc' ? ArrowUp : ArrowDown;
  return (
    <Th className={className} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        onClick={() => sort.toggle(k, numeric)}
        className={cn('inline-flex items-center gap-1 rounded-sm uppercase hover:text-fg', numeric && 'flex-row-reverse', active && 'text-fg')}
      >
        {children}
        <Arrow className={cn('size-3', !active && 'invisible')} aria-hidden />
      </button>
    </Th>
  );
}
