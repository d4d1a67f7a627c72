'use client';
// Runs a settings change, reports it in a toast (the server's own sentence when it refuses) and refreshes every access list.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useToast } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { errorView } from '@/lib/errors';

export function useRefreshAccess(): () => Promise<void> {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries(trpc.access.pathFilter()), [qc, trpc]);
}

/** Resolves to true when the change was made. */
export function useAttempt(): <T>(run: () => Promise<T>, done: string | ((out: T) => string)) => Promise<boolean> {
  const toast = useToast();
  const refresh = useRefreshAccess();
  return useCallback(
    async <T,>(run: () => Promise<T>, done: string | ((out: T) => string)) => {
      let ok = false;
      try {
        const out = await run();
        toast('ok', typeof done === 'string' ? done : done(out));
        ok = true;
      } catch (err) {
        toast('bad', errorView(err).message);
      }
      await refresh();
      return ok;
    },
    [toast, refresh],
  );
}

/** Sends a "make" form: hands over what was made, closes and refreshes; a refusal stays in the mutation, where the dialog shows it. */
export function useMakeSubmit(): <T>(run: () => Promise<T>, made: (out: T) => void, close: () => void) => Promise<void> {
  const refresh = useRefreshAccess();
  return useCallback(
    async <T,>(run: () => Promise<T>, made: (out: T) => void, close: () => void) => {
      try {
        made(await run());
        close();
        await refresh();
      } catch {
        // The dialog shows the mutation's error.
      }
    },
    [refresh],
  );
}
