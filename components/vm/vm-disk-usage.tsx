'use client';
// The VM's data disk on this machine: the space Docker.raw really takes beside its maximum, and "Reclaim space".
import { Eraser } from 'lucide-react';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { formatBinaryBytes } from '@/lib/binary-units';
import { OperationPanel } from './operation-panel';
import type { VmStatus } from './types';
import { useVmActions } from './use-vm';

export function VmDiskUsage({ s, hint }: { s: VmStatus; hint?: string }) {
  const a = useVmActions();
  const canChange = useCanChange();
  const disk = s.disk;
  const pct = disk ? Math.min(100, (100 * disk.allocatedBytes) / disk.maxBytes) : 0;
  const busy = Boolean(s.operation && !s.operation.finishedAt);
  return (
    <section aria-labelledby="vm-disk-title" className="rounded-md border border-line bg-raised p-4">
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id="vm-disk-title" className="text-[13px] font-semibold">
          Disk image on this machine
        </h2>
        <span className="font-mono text-[12px] text-muted">{disk?.file ?? `${s.settings.diskDir}/Docker.raw`}</span>
        {canChange ? (
          <Button className="ml-auto" onClick={() => a.reclaim.mutate()} disabled={s.state !== 'running' || busy || a.reclaim.isPending} title={s.state === 'running' ? undefined : 'Start the VM first'}>
            <Eraser aria-hidden /> Reclaim space
          </Button>
        ) : null}
      </div>
      {disk ? (
        <>
          <div className="mb-1.5 flex items-baseline justify-between text-[13px]">
            <span>
              <span className="font-semibold tabular" data-testid="vm-disk-allocated">
                {formatBinaryBytes(disk.allocatedBytes)}
              </span>{' '}
              <span className="text-muted">used on this machine</span>
            </span>
            <span className="text-muted tabular">{formatBinaryBytes(disk.maxBytes)} maximum</span>
          </div>
          <div role="meter" aria-label="Disk image size on this machine" aria-valuemin={0} aria-valuemax={disk.maxBytes} aria-valuenow={disk.allocatedBytes} className="h-2 overflow-hidden rounded-full bg-line">
            <div className="h-full rounded-full bg-accent" style={{ width: `${Math.max(0.5, pct)}%` }} />
          </div>
          <p className="mt-2 text-[12px] text-muted">
            {hint ??
              'Docker.raw is a sparse file: it takes only the space its data needs, up to the maximum. Deleting images or containers frees space inside the VM; "Reclaim space" hands it back to this machine.'}
          </p>
        </>
      ) : (
        <p className="text-[13px] text-muted">The disk image is created at the VM’s first start.</p>
      )}
      <div className="mt-3 empty:hidden">
        <OperationPanel operation={s.operation} kinds={['reclaim']} />
        {a.reclaim.error ? <ErrorBanner error={a.reclaim.error} /> : null}
      </div>
    </section>
  );
}
