'use client';
// Pulling the image a run needs, with the pull's progress, before the run is sent again.
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { errorView } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { type TransferSnapshot, transferRatio } from '@/lib/transfer';
import { formatBytes } from '@/lib/utils';

function TransferProgress({ snapshot }: { snapshot: TransferSnapshot }) {
  const ratio = transferRatio(snapshot);
  return (
    <div className="flex items-center gap-2">
      <progress aria-label={`Pulling ${snapshot.ref}`} value={ratio} max={1} className="h-1.5 flex-1 accent-accent" />
      <span className="text-[12px] text-muted tabular">{snapshot.total ? `${formatBytes(snapshot.current)} of ${formatBytes(snapshot.total)}` : (snapshot.message ?? '')}</span>
    </div>
  );
}

/** A snapshot, whether the stream sends it bare or as a tracked event ({ id, data }). */
function snapshotOf(v: unknown): TransferSnapshot {
  const o = v as { id?: unknown; data?: unknown; state?: unknown };
  return (o.state === undefined && o.data && typeof o.data === 'object' ? o.data : v) as TransferSnapshot;
}

export function PullBeforeRun({ engine, image, onDone, onFailed }: { engine: string; image: string; onDone: () => void; onFailed: (message: string) => void }) {
  const trpc = useTRPC();
  const [snapshot, setSnapshot] = useState<TransferSnapshot | null>(null);
  useSubscription(
    trpc.images.pull.subscriptionOptions(
      { engine, ref: image },
      {
        onData: (v: unknown) => {
          const s = snapshotOf(v);
          setSnapshot(s);
          if (s.state === 'done') onDone();
          else if (s.state === 'failed' || s.state === 'cancelled') onFailed(s.error?.message ?? `Pulling ${image} was ${s.state === 'failed' ? 'refused' : 'cancelled'}.`);
        },
        onError: (err) => onFailed(errorView(err).message),
      },
    ),
  );
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-line bg-panel px-3 py-2 text-[13px]">
      <span>
        <span className="font-mono">{image}</span> is not on this engine yet: pulling it, then running.
      </span>
      {snapshot ? <TransferProgress snapshot={snapshot} /> : null}
    </div>
  );
}
