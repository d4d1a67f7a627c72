'use client';
// The VM operation in progress or just finished: a progress bar with its step, the log on demand, the outcome.
import { CheckCircle2, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { ErrorBanner } from '@/components/ui/error-banner';
import { cn } from '@/lib/utils';
import type { VmStatus } from './types';

const VERB: Record<string, string> = {
  build: 'Building the VM image',
  start: 'Starting the VM',
  stop: 'Stopping the VM',
  restart: 'Restarting the VM',
  apply: 'Applying settings',
  move: 'Moving the disk image',
  reclaim: 'Reclaiming space',
  reset: 'Resetting the VM',
  rebuild: 'Rebuilding the VM image',
  network: 'Restarting Docker Engine with the new proxies',
  engine: 'Restarting Docker Engine',
};

export function OperationPanel({ operation, kinds }: { operation: VmStatus['operation']; kinds?: string[] }) {
  const [showLog, setShowLog] = useState(false);
  if (!operation || (kinds && !kinds.includes(operation.kind))) return null;
  const running = !operation.finishedAt;
  const pct = Math.round(operation.progress * 100);
  if (!running && operation.error) {
    return <ErrorBanner className="mb-4" error={new Error(`${VERB[operation.kind] ?? operation.kind} failed: ${operation.error}`)} />;
  }
  if (!running) {
    if (!operation.result) return null;
    return (
      <p role="status" className="mb-4 flex items-center gap-2 rounded-md border border-ok/30 bg-ok/8 px-3 py-2 text-[13px]">
        <CheckCircle2 className="size-4 shrink-0 text-ok" aria-hidden />
        {operation.result}
      </p>
    );
  }
  return (
    <section aria-label={VERB[operation.kind] ?? 'VM operation'} className="mb-4 rounded-md border border-line bg-raised p-3">
      <div className="mb-2 flex items-baseline gap-2 text-[13px]">
        <span className="font-medium">{VERB[operation.kind] ?? operation.kind}</span>
        <span className="min-w-0 flex-1 truncate text-muted">{operation.step}</span>
        <span className="tabular text-muted">{pct}%</span>
      </div>
      <div role="progressbar" aria-label={operation.step} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-1.5 overflow-hidden rounded-full bg-line">
        <div className="h-full rounded-full bg-accent transition-[width] duration-500" style={{ width: `${Math.max(2, pct)}%` }} />
      </div>
      <button type="button" onClick={() => setShowLog((v) => !v)} className="mt-2 flex items-center gap-1 text-[12px] text-muted hover:text-fg" aria-expanded={showLog}>
        <ChevronRight className={cn('size-3.5 transition-transform', showLog && 'rotate-90')} aria-hidden />
        Details
      </button>
      {showLog ? (
        <pre className="mt-2 max-h-56 overflow-auto rounded bg-panel p-2 font-mono text-[11.5px] leading-5 text-fg/80">{operation.log.slice(-200).join('\n')}</pre>
      ) : null}
    </section>
  );
}
