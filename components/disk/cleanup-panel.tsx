'use client';
// Cleanup: choose what to prune, preview exactly what goes and what it frees, confirm, then see what was removed.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Eye, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useToast } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { errorView } from '@/lib/errors';
import { formatBytes } from '@/lib/utils';
import { type CleanupOptions, CleanupOptionsForm, DEFAULT_OPTIONS } from './cleanup-options';
import { KIND, PruneItems, countOf } from './prune-items';
import { PruneResultView } from './prune-result';
import type { PruneKind, PruneResult } from './types';

export function CleanupPanel({ engine, canChange, onPruned }: { engine: string; canChange: boolean; onPruned: (r: PruneResult) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [options, setOptions] = useState<CleanupOptions>(DEFAULT_OPTIONS);
  const [asked, setAsked] = useState<CleanupOptions | null>(null);
  const [confirming, setConfirming] = useState(false);
  const preview = useQuery({
    ...trpc.system.prunePreview.queryOptions({ engine, options: asked ?? options }),
    // One preview per click: the list must not change under the user's eyes before they confirm.
    enabled: asked !== null,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const prune = useMutation(trpc.system.prune.mutationOptions());
  const data = asked && !preview.isFetching ? preview.data : undefined;
  const items = data?.items ?? [];
  const kinds = (Object.keys(KIND) as PruneKind[]).filter((k) => data?.byKind[k].count);
  const volumes = data?.byKind.volume.count ?? 0;

  const ask = () => {
    prune.reset();
    if (asked) void preview.refetch();
    else setAsked({ ...options });
  };
  const confirm = async () => {
    if (!data) return;
    try {
      const result = await prune.mutateAsync({ engine, items: data.items, cutoff: data.cutoff });
      onPruned(result);
      if (result.failed.length) toast('bad', `Could not remove ${result.failed.length} of ${data.items.length} items.`);
    } catch (err) {
      toast('bad', errorView(err).message);
    }
    setConfirming(false);
    setAsked(null);
  };

  return (
    <section aria-labelledby="cleanup-h" className="flex flex-col gap-3 rounded-md border border-line bg-raised p-3">
      <div className="flex items-baseline gap-2">
        <h2 id="cleanup-h" className="text-[13px] font-semibold">
          Clean up
        </h2>
        <span className="text-[12px] text-muted">Nothing is deleted until you confirm, and nothing in use is ever deleted.</span>
      </div>
      <CleanupOptionsForm
        value={options}
        onChange={(o) => {
          setOptions(o);
          setAsked(null);
        }}
      />
      <div className="flex items-center gap-2">
        <Button variant="primary" size="md" onClick={ask} disabled={preview.isFetching}>
          <Eye aria-hidden />
          {preview.isFetching ? 'Previewing…' : 'Preview'}
        </Button>
        {data && items.length && canChange ? (
          <Button variant="danger" size="md" onClick={() => setConfirming(true)}>
            <Trash2 aria-hidden />
            Delete {items.length} item{items.length === 1 ? '' : 's'}
          </Button>
        ) : null}
        {data && items.length && !canChange ? <span className="text-[12px] text-muted">Only an admin can delete.</span> : null}
      </div>
      {preview.error && asked ? <ErrorBanner error={preview.error} /> : null}
      {data ? (
        <div className="flex flex-col gap-2">
          <p className="text-[13px]" data-preview-bytes={data.bytes}>
            {items.length ? (
              <>
                This removes {kinds.map((k) => countOf(data.byKind[k].count, k)).join(', ')} and frees {data.approximate ? 'at least ' : ''}
                <strong className="tabular">{formatBytes(data.bytes)}</strong>.
              </>
            ) : (
              'Nothing to remove with these choices.'
            )}
          </p>
          {items.length ? <PruneItems engine={engine} items={items} label="Would be removed" /> : null}
        </div>
      ) : null}
      {prune.data && !asked ? <PruneResultView engine={engine} result={prune.data} /> : null}
      <ConfirmDialog open={confirming} title={`Delete ${items.length} item${items.length === 1 ? '' : 's'}?`} confirmLabel="Delete" danger busy={prune.isPending} onCancel={() => setConfirming(false)} onConfirm={confirm}>
        <p>
          {kinds.map((k) => countOf(data!.byKind[k].count, k)).join(', ')}: about {formatBytes(data?.bytes ?? 0)}.
        </p>
        {volumes ? <p className="text-warn">{countOf(volumes, 'volume')} and the data in {volumes === 1 ? 'it' : 'them'} will be deleted.</p> : null}
        <p>Each item is checked again just before it is removed: anything started, tagged or used since this preview is skipped.</p>
      </ConfirmDialog>
    </section>
  );
}
