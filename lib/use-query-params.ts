'use client';
// A page's view (filters, tab, sort) lives in the query string, so a reload or a shared link shows the same view.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef } from 'react';

// router.replace lands after a transition; changes made meanwhile build on the URL we last asked for.
let pending: { path: string; from: string; qs: string; at: number } | null = null;

/**
 * The current parameters and a setter for several at once (tab and sort change together). An empty value removes
 * its key, so a plain link and a cleared filter are the same address; history is replaced, so Back leaves the page.
 */
export function useQueryParams(): [URLSearchParams, (changes: Record<string, string>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const current = params.toString();
  // Read when the setter runs, so a debounced write does not bring back a value changed meanwhile.
  const latest = useRef(current);
  latest.current = current;
  useEffect(() => {
    if (pending?.path === pathname && pending.qs === current) pending = null;
  }, [pathname, current]);
  const set = useCallback(
    (changes: Record<string, string>) => {
      const now = latest.current;
      const waiting = pending && pending.path === pathname && pending.from === now && Date.now() - pending.at < 1500;
      const next = new URLSearchParams(waiting ? pending!.qs : now);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const qs = next.toString();
      pending = { path: pathname, from: now, qs, at: Date.now() };
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  return [params, set];
}

/** One parameter: its value ('' when absent) and a setter. */
export function useQueryParam(key: string): [string, (value: string) => void] {
  const [params, setParams] = useQueryParams();
  const set = useCallback((value: string) => setParams({ [key]: value }), [key, setParams]);
  return [params.get(key) ?? '', set];
}
