'use client';
// A pull or push as Docker Desktop draws it: an overall bar, one bar per layer, the digest at the end, or why it failed.
import Link from 'next/link';
import { memo, useDeferredValue, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { type LayerProgress, type TransferSnapshot, transferRatio } from '@/lib/transfer';
import { cn, formatBytes } from '@/lib/utils';

/** A snapshot, whether the stream sends it bare or as a tracked event ({ id, data }). */
export function snapshotOf(v: unknown): TransferSnapshot {
  const o = v as { data?: unknown; state?: unknown };
  return (o.state === undefined && o.data && typeof o.data === 'object' ? o.data : v) as TransferSnapshot;
}

const VERB = { pull: 'Pulling', push: 'Pushing' } as const;
const ENDED = { done: 'done', failed: 'failed', cancelled: 'cancelled' } as const;

export function transferTitle(s: Pick<TransferSnapshot, 'kind' | 'ref' | 'state'>): string {
  if (s.state === 'running') return `${VERB[s.kind]} ${s.ref}`;
  return `${s.kind === 'pull' ? 'Pull' : 'Push'} of ${s.ref} ${ENDED[s.state]}`;
}

function percent(current: number, total: number): string {
  return total > 0 ? `${Math.floor((Math.min(current, total) / total) * 100)}%` : '';
}

function bytes(current: number, total: number): string {
  if (total <= 0) return current > 0 ? formatBytes(current) : '';
  return `${formatBytes(current)} / ${formatBytes(total)}`;
}

// One row per layer, redrawn only when its own fields change: a hundred layers cost one row each per update that moves it.
const LayerRow = memo(
  function LayerRow({ layer }: { layer: LayerProgress }) {
    const ratio = layer.done ? 1 : layer.total > 0 ? layer.current / layer.total : 0;
    return (
      <li className="grid grid-cols-[7rem_1fr_9rem] items-center gap-2 py-0.5" data-layer={layer.id}>
        <span className="font-mono text-[12px] text-muted">{layer.id.slice(0, 12)}</span>
        <span className="flex min-w-0 items-center gap-2">
          <span className={cn('w-36 shrink-0 truncate', layer.done && 'text-muted')}>{layer.status}</span>
          <span className="h-1 flex-1 overflow-hidden rounded-full bg-line" aria-hidden>
            <span className={cn('block h-full rounded-full', layer.done ? 'bg-ok' : 'bg-accent')} style={{ width: `${Math.round(ratio * 100)}%` }} />
          </span>
        </span>
        <span className="text-right text-[12px] text-muted tabular">{layer.done ? (layer.total ? formatBytes(layer.total) : '') : bytes(layer.current, layer.total)}</span>
      </li>
    );
  },
  (a, b) => a.layer.status === b.layer.status && a.layer.current === b.layer.current && a.layer.total === b.layer.total && a.layer.done === b.layer.done,
);

/** Rows the first render mounts; the rest follow, this many per animation frame, so no frame lays out a hundred at once. */
const ROWS_PER_FRAME = 25;

/** How many of `total` rows to mount now: a first batch, then a batch more each frame until all are there. */
function useStagedCount(total: number): number {
  const [shown, setShown] = useState(() => Math.min(total, ROWS_PER_FRAME));
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => setShown((n) => Math.min(total, n + ROWS_PER_FRAME)));
    return () => cancelAnimationFrame(frame);
  }, [shown, total]);
  return Math.min(shown, total);
}

/** The layers' bars. Rendered as a deferred value: React renders them between frames and yields to the browser. */
function LayerList({ layers }: { layers: LayerProgress[] }) {
  const deferred = useDeferredValue(layers);
  const shown = useStagedCount(deferred.length);
  return (
    <ol aria-label="Layers" className="max-h-72 overflow-y-auto rounded-md border border-line bg-panel px-2 py-1 text-[12px]">
      {deferred.slice(0, shown).map((l) => (
        <LayerRow key={l.id} layer={l} />
      ))}
    </ol>
  );
}

export function SignInLink({ registry }: { registry: string }) {
  return (
    <Link href={`/settings/registries?server=${encodeURIComponent(registry)}`} className="font-medium text-accent hover:underline">
      Sign in to {registry}
    </Link>
  );
}

/** The overall bar only, for lists. */
export function TransferBar({ snapshot, className }: { snapshot: TransferSnapshot; className?: string }) {
  const ratio = transferRatio(snapshot);
  return (
    <progress
      aria-label={transferTitle(snapshot)}
      value={snapshot.total > 0 || snapshot.state !== 'running' ? ratio : undefined}
      max={1}
      className={cn('h-1.5 w-full accent-accent', snapshot.state === 'failed' && 'accent-bad', className)}
    />
  );
}

export function TransferProgress({ snapshot, onCancel, cancelling, showLayers = true }: { snapshot: TransferSnapshot; onCancel?: () => void; cancelling?: boolean; showLayers?: boolean }) {
  const running = snapshot.state === 'running';
  const pct = snapshot.state === 'done' ? '100%' : percent(snapshot.current, snapshot.total);
  return (
    <section aria-label={transferTitle(snapshot)} className="flex flex-col gap-2 text-[13px]">
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-medium" title={snapshot.ref}>
          {transferTitle(snapshot)}
        </span>
        {running && onCancel ? (
          <Button size="sm" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : null}
      </div>
      <div className="flex items-center gap-2">
        <TransferBar snapshot={snapshot} className="flex-1" />
        <span className="w-44 shrink-0 text-right text-[12px] text-muted tabular" aria-label="Transferred">
          {[bytes(snapshot.current, snapshot.total), pct].filter(Boolean).join(' · ')}
        </span>
      </div>
      {running && snapshot.message ? <p className="truncate text-[12px] text-muted">{snapshot.message}</p> : null}
      {snapshot.digest && snapshot.state === 'done' ? (
        <p className="text-[12px]">
          Digest: <span className="font-mono break-all select-all">{snapshot.digest}</span>
        </p>
      ) : null}
      {snapshot.error ? (
        <div role="alert" className="flex flex-col gap-1 rounded-md border border-bad/30 bg-bad/8 px-3 py-2 break-words">
          <span>{snapshot.error.message}</span>
          {snapshot.error.reason === 'denied' && snapshot.error.registry ? <SignInLink registry={snapshot.error.registry} /> : null}
        </div>
      ) : null}
      {snapshot.state === 'cancelled' ? <p className="text-muted">Cancelled: the engine stopped the {snapshot.kind}.</p> : null}
      {showLayers && snapshot.layers.length ? <LayerList layers={snapshot.layers} /> : null}
    </section>
  );
}
