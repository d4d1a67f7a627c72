// After a cleanup: what was removed and freed, and a sentence for each item kept because it changed or failed.
import { CheckCircle2, AlertTriangle } from 'lucide-react';
import { cn, formatBytes } from '@/lib/utils';
import { PruneItems, countOf, KIND } from './prune-items';
import type { PruneKind, PruneResult } from './types';

function summary(items: { kind: PruneKind }[]): string {
  const by = new Map<PruneKind, number>();
  for (const i of items) by.set(i.kind, (by.get(i.kind) ?? 0) + 1);
  return (Object.keys(KIND) as PruneKind[])
    .filter((k) => by.has(k))
    .map((k) => countOf(by.get(k)!, k))
    .join(', ');
}

export function PruneResultView({ engine, result }: { engine: string; result: PruneResult }) {
  const clean = result.failed.length === 0;
  return (
    <div role="status" aria-label="Cleanup result" className={cn('flex flex-col gap-2 rounded-md border p-3 text-[13px]', clean ? 'border-ok/40 bg-ok/5' : 'border-bad/40 bg-bad/5')}>
      <p className="flex items-start gap-2">
        {clean ? <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-ok" aria-hidden /> : <AlertTriangle className="mt-0.5 size-4 shrink-0 text-bad" aria-hidden />}
        <span>
          {result.removed.length ? <>Removed {summary(result.removed)}. </> : <>Nothing was removed. </>}
          {result.freed !== null ? (
            <>
              The engine now uses <strong className="tabular" data-freed={result.freed}>{formatBytes(result.freed)}</strong> less
              {result.removed.length ? <span className="text-muted"> (the preview expected {formatBytes(result.expected)})</span> : null}.
            </>
          ) : (
            <span className="text-muted">The engine could not be measured afterwards, so what was freed is unknown.</span>
          )}
        </span>
      </p>
      {result.before && result.after && result.after.buildCache > result.before.buildCache ? (
        <p className="text-[12px] text-muted">
          The build cache grew by {formatBytes(result.after.buildCache - result.before.buildCache)}: layers the removed images shared with it stay there until the build cache is
          cleaned up.
        </p>
      ) : null}
      {result.skipped.length ? (
        <div>
          <p className="mb-1 text-muted">Skipped {summary(result.skipped)}:</p>
          <PruneItems engine={engine} items={result.skipped} label="Skipped" reasons />
        </div>
      ) : null}
      {result.failed.length ? (
        <div>
          <p className="mb-1 text-bad">Could not remove {summary(result.failed)}:</p>
          <PruneItems engine={engine} items={result.failed} label="Failed" reasons />
        </div>
      ) : null}
    </div>
  );
}
