// Stands in for next/navigation in component tests: one in-memory URL that router.replace/push change.
import { useMemo, useSyncExternalStore } from 'react';

let url = new URL('http://localhost/');
const listeners = new Set<() => void>();

/** Where the page starts; call before rendering. */
export function setUrl(href: string): void {
  url = new URL(href, 'http://localhost/');
  for (const l of listeners) l();
}

/** The address the page navigated to last (path and query). */
export function currentUrl(): string {
  return url.pathname + url.search;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const router = {
  replace: (href: string) => setUrl(href),
  push: (href: string) => setUrl(href),
  back: () => {},
  forward: () => {},
  refresh: () => {},
  prefetch: () => {},
};

export function useRouter(): typeof router {
  return router;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => url.pathname);
}

export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => url.search);
  return useMemo(() => new URLSearchParams(search), [search]);
}

export function useParams(): Record<string, string> {
  return {};
}
