'use client';
// Build an image: the form, the live output, Cancel while it runs, and a link to the new image when it is done.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, CheckCircle2, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useMe } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { useTRPC } from '@/lib/trpc';
import { formatBytes, shortId } from '@/lib/utils';
import { BuildForm } from './build-form';
import { BuildOutputView } from './build-output';
import { imageHref } from './image-lines';
import { type BuildPhase, useBuild } from './use-build';

const RUNNING: BuildPhase[] = ['uploading', 'building'];

function Status({ phase, progress }: { phase: BuildPhase; progress: { sent: number; total: number } | null }) {
  if (phase === 'uploading') {
    return (
      <span className="flex items-center gap-1.5 text-muted" role="status">
        <Loader2 className="size-3.5 animate-spin" aria-hidden /> Uploading{progress ? ` ${formatBytes(progress.sent)} of ${formatBytes(progress.total)}` : '…'}
      </span>
    );
  }
  if (phase === 'building') {
    return (
      <span className="flex items-center gap-1.5 text-muted" role="status">
        <Loader2 className="size-3.5 animate-spin" aria-hidden /> Building…
      </span>
    );
  }
  if (phase === 'cancelled') return <span role="status" className="text-muted">Cancelled: the engine stopped the build and tagged nothing.</span>;
  return null;
}

export function BuildPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useMe();
  const isAdmin = me.data?.role === 'admin' && !me.data.scope;
  // Asked at once, beside access.me: a viewer's refusal is not shown, the page says why instead.
  const roots = useQuery({ ...trpc.images.buildRoots.queryOptions(), retry: false });
  const build = useBuild(engine);
  const [invalid, setInvalid] = useState<string | null>(null);
  const running = RUNNING.includes(build.phase);
  const built = build.phase === 'done' ? build.result : null;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader
        title="Build an image"
        subtitle={<span className="font-mono">{engine}</span>}
        actions={
          <Link href={`/e/${encodeURIComponent(engine)}/images`} className="flex items-center gap-1 text-[13px] text-muted hover:text-accent">
            <ArrowLeft className="size-3.5" aria-hidden /> Images
          </Link>
        }
      />
      {me.data && !isAdmin ? (
        <p className="p-4 text-[13px] text-muted">Only an admin can build images.</p>
      ) : (
        <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-4">
          <BuildForm
            roots={roots.data?.roots}
            busy={running}
            onInvalid={setInvalid}
            onBuild={(req) => {
              setInvalid(null);
              void build.start(req).then(() => qc.invalidateQueries({ queryKey: trpc.images.list.queryKey() }));
            }}
          />
          {roots.error && isAdmin ? <ErrorBanner error={roots.error} /> : null}
          {invalid ? <ErrorBanner error={new Error(invalid)} /> : null}
          <div className="flex min-h-7 flex-wrap items-center gap-3 text-[13px]">
            <Status phase={build.phase} progress={build.progress} />
            {running ? (
              <Button variant="danger" onClick={build.cancel}>
                Cancel
              </Button>
            ) : null}
            {built ? (
              <span role="status" className="flex items-center gap-1.5">
                <CheckCircle2 className="size-4 text-ok" aria-hidden />
                Built <span className="font-mono">{built.tags[0] ?? shortId(built.imageId)}</span>
                <Link href={imageHref(engine, built.imageId)} className="text-accent hover:underline">
                  Open the image
                </Link>
              </span>
            ) : null}
          </div>
          {build.phase === 'failed' && build.error ? <ErrorBanner error={build.error} /> : null}
          <BuildOutputView lines={build.lines} version={build.version} busy={running} />
        </div>
      )}
    </div>
  );
}
