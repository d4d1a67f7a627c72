'use client';
// Who is signed in, for the UI: viewers and share links see no buttons that change anything.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.access.me.queryOptions(), staleTime: 60_000 });
}

/** True only once the user is known to be an admin, so mutating buttons never flash for viewers. */
export function useCanChange(): boolean {
  const me = useMe();
  return me.data?.role === 'admin' && !me.data.scope;
}
