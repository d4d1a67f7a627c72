'use client';
// TanStack Query puts a query that failed before any success back to "pending" on each refetch; polling
// would then flash between the error and a skeleton. This keeps the last error until a fetch succeeds.
import { useRef } from 'react';

export function useSettledError(q: { error: unknown; status: 'pending' | 'error' | 'success' }): unknown {
  const last = useRef<unknown>(null);
  if (q.error) last.current = q.error;
  else if (q.status === 'success') last.current = null;
  return q.error ?? last.current;
}
