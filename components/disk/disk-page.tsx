'use client';
// /e/[engine]/disk: where the space goes, the biggest items, cleanup with a preview, and every item by category.
import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { formatBytes, formatDate } from '@/lib/utils';
import { BiggestItems } from './biggest-items';
import { CategoryTables } from './category-tables';
import { CleanupPanel } from './cleanup-panel';
import { DfProgress } from './df-progress';
import type { DiskUsage } from './types';
import { type CategoryBar, UsageChart } from './usage-chart';
import { useDiskUsage } from './use-disk-usage';
import { VmDiskSlot } from './vm-disk-slot';

function bars(d: DiskUsage): CategoryBar[] {
  return [
    { key: 'images', label: 'Images', noun: 'image', plural: 'images', ...d.totals.images },
    { key: 'containers', label: 'Containers', noun: 'container', plural: 'containers', ...d.totals.containers },
    { key: 'volumes', label: 'Local volumes', noun: 'volume', plural: 'volumes', ...d.totals.volumes },
    { key: 'buildCache', label: 'Build cache', noun: 'entry', plural: 'entries', ...d.totals.buildCache },
  ];
}

export function DiskPage({ engine }: { engine: string }) {
  const canChange = useCanChange();
  const { usage: d, computing, error, refresh } = useDiskUsage(engine);
  const [pruned, setPruned] = useState(false);
  return (
    <div className="flex h-full flex-col">
      <PageHeader
        title="Disk usage"
        subtitle={
          d ? (
            <span className="tabular" data-total-size={d.totals.size} data-snapshot={d.startedAt}>
              {formatBytes(d.totals.size)} used · {formatBytes(d.totals.reclaimable)} reclaimable
            </span>
          ) : null
        }
        actions={
          <>
            {computing && d ? <DfProgress computing={computing} /> : null}
            <Button onClick={refresh} disabled={Boolean(computing)} aria-label="Refresh disk usage">
              <RefreshCw aria-hidden className={computing ? 'animate-spin' : undefined} />
              Refresh
            </Button>
          </>
        }
      />
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {error ? <ErrorBanner className="mb-4" error={error} action={<Button onClick={refresh}>Try again</Button>} /> : null}
        {!d && !error ? (
          <div className="flex flex-col items-center gap-2 py-16 text-center">
            {computing ? <DfProgress computing={computing} /> : <p className="text-muted">Asking the engine…</p>}
            <p className="max-w-md text-[12px] text-muted">Docker measures every image, container and volume: on a big engine this takes a while. Other pages keep working meanwhile.</p>
          </div>
        ) : null}
        {d ? (
          <div className="flex flex-col gap-4">
            <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <UsageChart bars={bars(d)} total={d.totals.size} reclaimable={d.totals.reclaimable} />
              <BiggestItems usage={d} engine={engine} />
            </div>
            <VmDiskSlot engine={engine} pruned={pruned} />
            <CleanupPanel
              engine={engine}
              canChange={canChange}
              onPruned={() => {
                setPruned(true);
                refresh();
              }}
            />
            <CategoryTables usage={d} engine={engine} />
            <p className="text-[11px] text-muted">
              Measured by the engine at {formatDate(Math.floor(d.startedAt / 1000))} in {d.durationMs < 1000 ? `${Math.round(d.durationMs)} ms` : `${(d.durationMs / 1000).toFixed(1)} s`}; updated when images, containers, volumes or builds change.
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
