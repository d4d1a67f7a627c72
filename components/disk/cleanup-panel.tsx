'use client';
// Cleanup: choose what to prune, preview exactly what goes and how much it frees, confirm, see the result.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { errorView, useTRPC } from '@/lib/trpc';
import { formatBytes } from '@/lib/utils';

type Options = { images: 'none' | 'dangling' | 'unused'; containersOlderThanHours: number | null; volumes: boolean; networks: boolean; buildCache: boolean };

export function CleanupPanel({ engine, canChange }: { engine: string; canChange: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [opts, setOpts] = useState<Options>({ images: 'dangling', containersOlderThanHours: 24, volumes: false, networks: true, buildCache: true });
  const [asked, setAsked] = useState<Options | null>(null);
  const [confirm, setConfirm] = useState(false);
  const preview = useQuery({ ...trpc.system.prunePreview.queryOptions({ engine, options: asked ?? opts }), enabled: asked !== null });
  const prune = useMutation(trpc.system.prune.mutationOptions());
  const set = (p: Partial<Options>) => {
    setOpts((o) => ({ ...o, ...p }));
    setAsked(null);
    prune.reset();
  };
  const items = preview.data?.items ?? [];
  const result = prune.data;
  return (
    <section aria-labelledby="cleanup-h" className="rounded-md border border-line bg-raised p-3">
      <h2 id="cleanup-h" className="mb-2 text-[13px] font-semibold">
        Clean up
      </h2>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-[13px]">
        <label className="flex items-center gap-1.5">
          Images
          <select aria-label="Images to remove" value={opts.images} onChange={(e) => set({ images: e.target.value as Options['images'] })} className="h-7 rounded-md border border-line bg-bg px-1">
            <option value="none">keep</option>
            <option value="dangling">dangling (untagged, unused)</option>
            <option value="unused">all unused</option>
          </select>
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={opts.containersOlderThanHours !== null} onChange={(e) => set({ containersOlderThanHours: e.target.checked ? 24 : null })} />
          Stopped containers older than
          <input
            type="number"
            min={0}
            aria-label="Hours"
            disabled={opts.containersOlderThanHours === null}
            value={opts.containersOlderThanHours ?? 24}
            onChange={(e) => set({ containersOlderThanHours: Math.max(0, Number(e.target.value) || 0) })}
            className="h-7 w-16 rounded-md border border-line bg-bg px-1 tabular"
          />
          hours
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={opts.volumes} onChange={(e) => set({ volumes: e.target.checked })} /> Unused volumes <span className="text-warn">(their data is deleted)</span>
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={opts.networks} onChange={(e) => set({ networks: e.target.checked })} /> Unused networks
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={opts.buildCache} onChange={(e) => set({ buildCache: e.target.checked })} /> Build cache
        </label>
        <Button variant="primary" onClick={() => (prune.reset(), setAsked({ ...opts }))}>
          Preview
        </Button>
      </div>
      {preview.error ? <ErrorBanner className="mt-3" error={preview.error} /> : null}
      {asked && preview.data ? (
        <div className="mt-3">
          <p className="mb-2 text-[13px]">
            {items.length ? (
              <>
                This removes <strong className="tabular">{items.length}</strong> item{items.length === 1 ? '' : 's'} and frees about <strong className="tabular">{formatBytes(preview.data.bytes)}</strong>.
              </>
            ) : (
              'Nothing to remove with these choices.'
            )}
          </p>
          {items.length ? (
            <ul aria-label="Would be removed" className="max-h-52 overflow-auto rounded-md border border-line text-[12px]">
              {items.map((i) => (
                <li key={`${i.kind}/${i.id}`} className="flex items-center gap-2 border-b border-line px-2 py-1 last:border-0">
                  <Badge>{i.kind === 'buildCache' ? 'build cache' : i.kind}</Badge>
                  <span className="min-w-0 flex-1 truncate font-mono">{i.name}</span>
                  <span className="text-muted tabular">{formatBytes(i.size)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {items.length && canChange && !result ? (
            <Button variant="danger" size="md" className="mt-2" onClick={() => setConfirm(true)}>
              Delete {items.length} item{items.length === 1 ? '' : 's'}
            </Button>
          ) : null}
        </div>
      ) : null}
      {prune.error ? <ErrorBanner className="mt-3" error={prune.error} /> : null}
      {result ? (
        <div role="status" className="mt-3 rounded-md border border-ok/40 bg-ok/8 p-2 text-[13px]">
          Removed {result.removed.length} item{result.removed.length === 1 ? '' : 's'}; the engine uses <strong className="tabular">{formatBytes(result.freed)}</strong> less.
          {result.skipped.length ? <ul className="mt-1 list-disc pl-5 text-muted">{result.skipped.map((s) => <li key={s.id}>{s.reason}</li>)}</ul> : null}
          {result.failed.length ? <ul className="mt-1 list-disc pl-5 text-bad">{result.failed.map((s) => <li key={s.id}>{s.reason}</li>)}</ul> : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirm}
        title={`Delete ${items.length} item${items.length === 1 ? '' : 's'}?`}
        confirmLabel="Delete"
        danger
        busy={prune.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={async () => {
          try {
            await prune.mutateAsync({ engine, items, containersOlderThanHours: asked?.containersOlderThanHours ?? null });
          } catch (err) {
            void errorView(err);
          }
          setConfirm(false);
          setAsked(null);
          await qc.invalidateQueries({ queryKey: trpc.system.df.queryKey() });
        }}
      >
        <p>Each item is checked again just before it is removed; anything that changed since this preview is skipped.</p>
      </ConfirmDialog>
    </section>
  );
}
