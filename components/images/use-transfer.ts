'use client';
// A pull or push started from this page (or an operation re-attached by id): its latest snapshot, an error, and cancel.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { skipToken } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorView } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import type { TransferKind, TransferSnapshot } from '@/lib/transfer';
import { snapshotOf } from './transfer-progress';

export interface TransferHandle {
  snapshot: TransferSnapshot | null;
  /** Why the subscription itself was refused (rights, a malformed reference). */
  error: string | null;
  cancel: () => void;
  cancelling: boolean;
}

function useCancel(snapshot: TransferSnapshot | null) {
  const trpc = useTRPC();
  const cancel = useMutation(trpc.images.cancelOperation.mutationOptions());
  return { cancel: () => snapshot && cancel.mutate({ opId: snapshot.opId }), cancelling: cancel.isPending };
}

/** Starts `kind` of `ref` on `engine` while `ref` is set; unmounting leaves the operation running on the server. */
export function useTransfer(kind: TransferKind, engine: string, ref: string | null): TransferHandle {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [snapshot, setSnapshot] = useState<TransferSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const opId = useRef<string | null>(null);
  const procedure = kind === 'pull' ? trpc.images.pull : trpc.images.push;
  useSubscription(
    procedure.subscriptionOptions(ref ? { engine, ref } : skipToken, {
      onStarted: () => setError(null),
      onData: (v: unknown) => {
        const s = snapshotOf(v);
        // The operations list learns of a new operation, and of its end, at once rather than at its next poll.
        const first = opId.current !== s.opId;
        opId.current = s.opId;
        setSnapshot(s);
        if (first) void qc.invalidateQueries({ queryKey: trpc.images.operations.queryKey() });
        if (s.state !== 'running') {
          void qc.invalidateQueries({ queryKey: trpc.images.operations.queryKey() });
          if (s.state === 'done') void qc.invalidateQueries({ queryKey: trpc.images.list.queryKey() });
        }
      },
      onError: (err) => setError(errorView(err).message),
    }),
  );
  return { snapshot, error, ...useCancel(snapshot) };
}

/** Follows an operation already running (from the operations list), by its id. */
export function useWatchedTransfer(opId: string | null): TransferHandle {
  const trpc = useTRPC();
  const [snapshot, setSnapshot] = useState<TransferSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useSubscription(
    trpc.images.watchOperation.subscriptionOptions(opId ? { opId } : skipToken, {
      onData: (v: unknown) => setSnapshot(snapshotOf(v)),
      onError: (err) => setError(errorView(err).message),
    }),
  );
  return { snapshot, error, ...useCancel(snapshot) };
}
