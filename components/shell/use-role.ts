'use client';
// Who is signed in, for the UI: viewers and share links see no buttons that change anything.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { useHydrated } from '@/lib/use-hydrated';

export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.access.me.queryOptions(), staleTime: 60_000 });
}

/** True only once the user is known to be an admin, so mutating buttons never flash for viewers. */
export function useCanChange(): boolean {
  const me = useMe();
  return me.data?.role === 'admin' && !me.data.scope;
}

/** useCanChange once hydrated: admin buttons appear after hydration, so server and client render the same first page. */
export function useCanChangeHydrated(): boolean {
  const hydrated = useHydrated();
  return useCanChange() && hydrated;
}
