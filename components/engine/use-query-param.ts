'use client';
// A list's filters live in the query string, so a reload or a shared link shows the same view.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

// router.replace lands after a transition; changes made meanwhile build on the URL we last asked for.
let pending: { path: string; qs: string; at: number } | null = null;

export function useSetQueryParams(): (changes: Record<string, string>) => void {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  return useCallback(
    (changes: Record<string, string>) => {
      const fresh = pending && pending.path === pathname && Date.now() - pending.at < 1500;
      const next = new URLSearchParams(fresh ? pending!.qs : params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const qs = next.toString();
      pending = { path: pathname, qs, at: Date.now() };
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
}

export function useQueryParam(key: string): [string, (value: string) => void] {
  const params = useSearchParams();
  const setParams = useSetQueryParams();
  const set = useCallback((value: string) => setParams({ [key]: value }), [key, setParams]);
  return [params.get(key) ?? '', set];
}
