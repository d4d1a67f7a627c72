'use client';
// Pulling the image a run needs, with the pull's progress, before the run is sent again.
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { errorView } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import type { TransferSnapshot } from '@/lib/transfer';
import { TransferProgress, snapshotOf } from './transfer-progress';

/** Stays mounted after a failed pull, so its sentence (and a sign-in link when the registry refused) stays in view. */
export function PullBeforeRun({ engine, image, onDone, onFailed }: { engine: string; image: string; onDone: () => void; onFailed: () => void }) {
  const trpc = useTRPC();
  const [snapshot, setSnapshot] = useState<TransferSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useSubscription(
    trpc.images.pull.subscriptionOptions(
      { engine, ref: image },
      {
        onData: (v: unknown) => {
          const s = snapshotOf(v);
          setSnapshot(s);
          if (s.state === 'done') onDone();
          else if (s.state !== 'running') onFailed();
        },
        onError: (err) => {
          setError(errorView(err).message);
          onFailed();
        },
      },
    ),
  );
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-line bg-panel px-3 py-2 text-[13px]">
      <span>
        <span className="font-mono">{image}</span> is not on this engine: pulling it, then running.
      </span>
      {snapshot ? <TransferProgress snapshot={snapshot} showLayers={false} /> : null}
      {error ? (
        <p role="alert" className="text-bad">
          {error}
        </p>
      ) : null}
    </div>
  );
}
