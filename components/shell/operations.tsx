'use client';
// The sidebar's running pulls and pushes (admins only): a small bar each, opening its full progress, and cancel.
import { useMutation, useQuery } from '@tanstack/react-query';
import { ArrowDownUp, X } from 'lucide-react';
import { useState } from 'react';
import { TransferBody, TransferDialog } from '@/components/images/transfer-dialog';
import { TransferBar, transferTitle } from '@/components/images/transfer-progress';
import { useWatchedTransfer } from '@/components/images/use-transfer';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/lib/trpc';
import { type TransferSnapshot, transferRatio } from '@/lib/transfer';
import { cn } from '@/lib/utils';
import { useCanChange } from './use-role';

/** Finished operations stay in the list this long, so one that ended while you looked elsewhere is still seen. */
const SHOW_FINISHED_MS = 60_000;

function Watched({ opId, onClose }: { opId: string; onClose: () => void }) {
  const handle = useWatchedTransfer(opId);
  return <TransferBody handle={handle} onClose={onClose} />;
}

function Row({ op, onOpen }: { op: TransferSnapshot; onOpen: () => void }) {
  const trpc = useTRPC();
  const cancel = useMutation(trpc.images.cancelOperation.mutationOptions());
  const running = op.state === 'running';
  const label = running ? `${Math.floor(transferRatio(op) * 100)}%` : op.state;
  return (
    <li className="flex items-center gap-1" data-operation={op.opId}>
      <button type="button" onClick={onOpen} aria-label={transferTitle(op)} className="flex min-w-0 flex-1 flex-col gap-1 rounded-md px-2 py-1 text-left hover:bg-line/50" title={transferTitle(op)}>
        <span className="flex w-full items-center gap-1 text-[12px]">
          <span className="text-muted" aria-hidden>
            {op.kind === 'pull' ? '↓' : '↑'}
          </span>
          <span className="min-w-0 flex-1 truncate">{op.ref}</span>
          <span className={cn('shrink-0 text-[11px] tabular', op.state === 'failed' ? 'text-bad' : 'text-muted')}>{label}</span>
        </span>
        <TransferBar snapshot={op} className="h-1" />
      </button>
      {running ? (
        <Button variant="ghost" size="icon" aria-label={`Cancel ${op.kind} of ${op.ref}`} title="Cancel" disabled={cancel.isPending} onClick={() => cancel.mutate({ opId: op.opId })}>
          <X aria-hidden />
        </Button>
      ) : null}
    </li>
  );
}

function OperationsList() {
  const trpc = useTRPC();
  const [open, setOpen] = useState<TransferSnapshot | null>(null);
  const list = useQuery({
    ...trpc.images.operations.queryOptions({}),
    // Quick while something moves, slow otherwise so a pull started in another tab shows up too.
    refetchInterval: (q) => (q.state.data?.some((o) => o.state === 'running') ? 1_000 : 4_000),
  });
  const now = Date.now();
  const shown = (list.data ?? []).filter((o) => o.state === 'running' || now - (o.endedAt ?? now) < SHOW_FINISHED_MS);
  const running = shown.filter((o) => o.state === 'running');
  const latest = running[0] ?? shown[0];
  const summary = running.length
    ? `${running.length} running: ${running.map((o) => `${o.kind} ${o.ref} ${Math.floor(transferRatio(o) * 100)}%`).join(', ')}`
    : `${shown.length} finished`;
  return (
    <>
      {latest ? (
        // Narrow windows: one icon with the count, opening the latest operation's progress.
        <div data-side-only className="mt-3 border-t border-line px-2 pt-3">
          <button
            type="button"
            onClick={() => setOpen(latest)}
            aria-label={`Operations: ${summary}`}
            title={`Operations: ${summary}`}
            className="relative flex h-8 w-full items-center justify-center rounded-md text-muted hover:bg-line/50 hover:text-fg"
          >
            <ArrowDownUp className={cn('size-4', running.length && 'text-accent')} aria-hidden />
            <span className="absolute top-0 right-0 min-w-4 rounded-full bg-accent px-1 text-[10px] leading-4 text-white tabular">{running.length || shown.length}</span>
          </button>
        </div>
      ) : null}
      {shown.length ? (
        <section data-side-hide aria-label="Operations" className="mt-3 border-t border-line px-2 pt-3">
          <h2 className="px-2 pb-1 text-[11px] font-medium tracking-wide text-muted uppercase">Operations</h2>
          <ul className="flex flex-col gap-0.5">
            {shown.map((op) => (
              <Row key={op.opId} op={op} onOpen={() => setOpen(op)} />
            ))}
          </ul>
        </section>
      ) : null}
      <TransferDialog open={open !== null} title={open ? `${open.kind === 'pull' ? 'Pull' : 'Push'} ${open.ref}` : ''} onClose={() => setOpen(null)}>
        {open ? <Watched key={open.opId} opId={open.opId} onClose={() => setOpen(null)} /> : null}
      </TransferDialog>
    </>
  );
}

/** Nothing at all for viewers: they may not see what admins pull or push. */
export function Operations() {
  return useCanChange() ? <OperationsList /> : null;
}
