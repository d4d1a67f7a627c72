'use client';
// The containers list's filters, kept in the query string so they survive reloads and can be shared.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { type StateFilterValue, parseStateFilter } from './state-filter';

export interface ListParams {
  q: string;
  state: StateFilterValue;
  project: string;
  set: (changes: Partial<Record<'q' | 'state' | 'project', string>>) => void;
}

export function useListParams(): ListParams {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const set = useCallback(
    (changes: Partial<Record<'q' | 'state' | 'project', string>>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        // Defaults stay out of the URL, so a plain link and a cleared filter are the same address.
        if (value && !(key === 'state' && value === 'all')) next.set(key, value);
        else next.delete(key);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { q: params.get('q') ?? '', state: parseStateFilter(params.get('state')), project: params.get('project') ?? '', set };
}
