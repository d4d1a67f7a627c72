'use client';
// A list's sort in the URL (?sort=size&dir=desc): a reload or a shared link shows the same order.
import { useCallback } from 'react';
import type { SortDir } from './natural-sort';
import { useQueryParams } from './use-query-params';

export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
  /** Sorts by `key`; the same key again reverses. Numbers start from the largest. */
  toggle: (key: K, numeric?: boolean) => void;
}

export function useSort<K extends string>(keys: readonly K[], fallback: K): SortState<K> {
  const [params, set] = useQueryParams();
  const asked = params.get('sort') as K | null;
  const key = asked && keys.includes(asked) ? asked : fallback;
  const dir: SortDir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const toggle = useCallback(
    (next: K, numeric = false) => {
      const d: SortDir = next === key ? (dir === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc';
      // The default order is a plain address.
      set({ sort: next === fallback && d === 'asc' ? '' : next, dir: d === 'asc' ? '' : 'desc' });
    },
    [key, dir, fallback, set],
  );
  return { key, dir, toggle };
}
