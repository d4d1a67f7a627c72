'use client';
// Several containers' logs in one list, interleaved by timestamp, one colour per container (?c=a,b or ?project=name).
import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { useTRPC } from '@/lib/trpc';
import { LogViewer } from './log-viewer';

export function MergedLogs({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const project = params.get('project');
  const picked = (params.get('c') ?? '').split(',').filter(Boolean);
  const list = useQuery({ ...trpc.containers.list.queryOptions({ engine }), refetchInterval: useFallbackInterval() });
  const names = useMemo(() => {
    if (!project) return picked;
    return (list.data ?? []).filter((c) => c.project === project).map((c) => c.name);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [project, params.get('c'), list.data]);
  const key = names.join(',');
  const sources = useMemo(() => names.map((id) => ({ engine, id })), [engine, key]); // eslint-disable-line react-hooks/exhaustive-deps

  const setNames = (next: string[]) => {
    const qs = new URLSearchParams();
    if (next.length) qs.set('c', next.join(','));
    router.replace(`${pathname}?${qs.toString()}`);
  };
  const others = (list.data ?? []).filter((c) => !names.includes(c.name));

  return (
    <div className="flex h-full flex-col">
      <PageHeader
        title={project ? `Logs of ${project}` : 'Logs'}
        subtitle={`${names.length} container${names.length === 1 ? '' : 's'}`}
        actions={
          <select
            aria-label="Add a container"
            value=""
            onChange={(e) => e.target.value && setNames([...names, e.target.value])}
            className="h-7 rounded-md border border-line bg-raised px-1 text-[12px]"
          >
            <option value="">Add a container…</option>
            {others.map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        }
      />
      {names.length ? (
        <div className="flex flex-wrap gap-1 border-b border-line px-3 py-1.5">
          {names.map((n) => (
            <span key={n} className="inline-flex items-center gap-1 rounded bg-panel px-1.5 py-0.5 font-mono text-[12px] ring-1 ring-line">
              {n}
              <button type="button" aria-label={`Remove ${n} from the view`} onClick={() => setNames(names.filter((x) => x !== n))} className="text-muted hover:text-fg">
                <X className="size-3" />
              </button>
            </span>
          ))}
        </div>
      ) : null}
      <div className="min-h-0 flex-1">
        {sources.length ? <LogViewer key={key} sources={sources} /> : <EmptyState title="No container chosen">Add containers above, or open a compose project’s logs from the containers list.</EmptyState>}
      </div>
    </div>
  );
}
