'use client';
// /e/[engine]/disk: totals per category, the biggest items, sortable tables, and cleanup; refreshed by engine events.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { useTRPC } from '@/lib/trpc';
import type { AppRouter } from '@/server/routers/_app';
import { formatAgo, formatBytes, shortId } from '@/lib/utils';
import { CleanupPanel } from './cleanup-panel';
import { UsageBars } from './usage-chart';

type Tab = 'images' | 'containers' | 'volumes' | 'buildCache';
type DiskUsage = inferRouterOutputs<AppRouter>['system']['df'];

export function DiskPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const canChange = useCanChange();
  const df = useQuery({ ...trpc.system.df.queryOptions({ engine }), placeholderData: keepPreviousData, refetchInterval: 30_000 });
  const [tab, setTab] = useState<Tab>('images');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Pulls, builds and removals change usage: refetch shortly after the engine reports them.
  useSubscription(
    trpc.system.events.subscriptionOptions(
      { engine },
      {
        onData: () => {
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void qc.invalidateQueries({ queryKey: trpc.system.df.queryKey({ engine }) }), 1500);
        },
      },
    ),
  );
  const d = df.data;
  const e = encodeURIComponent(engine);
  const biggest = useMemo(() => {
    if (!d) return [];
    const all = [
      ...d.images.map((i) => ({ kind: 'image', name: i.tags[0] ?? shortId(i.id), size: i.uniqueSize, href: `/e/${e}/images/${shortId(i.id)}` })),
      ...d.containers.map((c) => ({ kind: 'container', name: c.name, size: c.sizeRw, href: `/e/${e}/containers/${encodeURIComponent(c.name)}` })),
      ...d.volumes.map((v) => ({ kind: 'volume', name: v.name, size: v.size, href: `/e/${e}/volumes/${encodeURIComponent(v.name)}` })),
    ];
    return all.sort((a, b) => b.size - a.size).slice(0, 8);
  }, [d, e]);
  return (
    <div className="flex h-full flex-col">
      <PageHeader title="Disk usage" subtitle={d ? <span className="tabular" data-total-size={d.totals.size}>{formatBytes(d.totals.size)} used · {formatBytes(d.totals.reclaimable)} reclaimable</span> : null} />
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {df.error ? <ErrorBanner className="mb-4" error={df.error} /> : null}
        {df.isPending ? <p className="text-muted">Computing sizes… this can take a while on a large engine.</p> : null}
        {d ? (
          <div className="flex flex-col gap-4">
            <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <section className="rounded-md border border-line bg-raised p-3">
                <UsageBars
                  bars={[
                    { key: 'images', label: 'Images', ...d.totals.images },
                    { key: 'containers', label: 'Containers', ...d.totals.containers },
                    { key: 'volumes', label: 'Volumes', ...d.totals.volumes },
                    { key: 'buildCache', label: 'Build cache', ...d.totals.buildCache },
                  ]}
                />
              </section>
              <section className="rounded-md border border-line bg-raised p-3">
                <h2 className="mb-2 text-[13px] font-semibold">Biggest items</h2>
                <ol className="flex flex-col gap-1 text-[13px]">
                  {biggest.map((b) => (
                    <li key={`${b.kind}/${b.name}`} className="flex items-center gap-2">
                      <span className="w-16 text-[11px] text-muted">{b.kind}</span>
                      <Link href={b.href} className="min-w-0 flex-1 truncate hover:text-accent hover:underline">
                        {b.name}
                      </Link>
                      <span className="tabular">{formatBytes(b.size)}</span>
                    </li>
                  ))}
                </ol>
              </section>
            </div>
            <CleanupPanel engine={engine} canChange={canChange} />
            <nav aria-label="Category" className="flex gap-1 border-b border-line">
              {(['images', 'containers', 'volumes', 'buildCache'] as const).map((t) => (
                <button key={t} type="button" aria-pressed={tab === t} onClick={() => setTab(t)} className={`-mb-px border-b-2 px-2.5 py-1.5 text-[13px] ${tab === t ? 'border-accent font-medium' : 'border-transparent text-muted'}`}>
                  {t === 'buildCache' ? 'Build cache' : t[0]!.toUpperCase() + t.slice(1)} ({d.totals[t].count})
                </button>
              ))}
            </nav>
            <CategoryTable tab={tab} data={d} engine={e} />
            <p className="text-[11px] text-muted">Computed in {d.durationMs.toFixed(0)} ms, {formatAgo(Math.floor(d.computedAt / 1000))}.</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function CategoryTable({ tab, data, engine }: { tab: Tab; data: DiskUsage; engine: string }) {
  const [desc, setDesc] = useState(true);
  const sortBtn = (
    <button type="button" onClick={() => setDesc(!desc)} className="uppercase" aria-label={`Sort by size, ${desc ? 'largest' : 'smallest'} first`}>
      Size {desc ? '↓' : '↑'}
    </button>
  );
  const order = <T,>(xs: T[], f: (x: T) => number) => [...xs].sort((a, b) => (desc ? f(b) - f(a) : f(a) - f(b)));
  if (tab === 'images')
    return (
      <Table>
        <thead><tr><Th>Image</Th><Th className="text-right">{sortBtn}</Th><Th className="text-right">Shared</Th><Th className="text-right">Unique</Th><Th className="text-right">Containers</Th></tr></thead>
        <tbody>
          {order(data.images, (i) => i.size).map((i) => (
            <Tr key={i.id}><Td><Link className="hover:underline" href={`/e/${engine}/images/${shortId(i.id)}`}>{i.tags[0] ?? shortId(i.id)}</Link></Td><Td className="text-right tabular">{formatBytes(i.size)}</Td><Td className="text-right tabular">{formatBytes(i.sharedSize)}</Td><Td className="text-right tabular">{formatBytes(i.uniqueSize)}</Td><Td className="text-right tabular">{i.containers}</Td></Tr>
          ))}
        </tbody>
      </Table>
    );
  if (tab === 'containers')
    return (
      <Table>
        <thead><tr><Th>Container</Th><Th>State</Th><Th className="text-right">{sortBtn}</Th><Th className="text-right">Virtual</Th><Th>Volumes</Th></tr></thead>
        <tbody>
          {order(data.containers, (c) => c.sizeRw).map((c) => (
            <Tr key={c.id}><Td><Link className="hover:underline" href={`/e/${engine}/containers/${encodeURIComponent(c.name)}`}>{c.name}</Link></Td><Td>{c.state}</Td><Td className="text-right tabular">{formatBytes(c.sizeRw)}</Td><Td className="text-right tabular">{formatBytes(c.sizeRootFs)}</Td><Td className="text-muted">{c.volumes.join(', ')}</Td></Tr>
          ))}
        </tbody>
      </Table>
    );
  if (tab === 'volumes')
    return (
      <Table>
        <thead><tr><Th>Volume</Th><Th className="text-right">{sortBtn}</Th><Th className="text-right">Links</Th></tr></thead>
        <tbody>
          {order(data.volumes, (v) => v.size).map((v) => (
            <Tr key={v.name}><Td><Link className="hover:underline" href={`/e/${engine}/volumes/${encodeURIComponent(v.name)}`}>{v.name}</Link></Td><Td className="text-right tabular">{formatBytes(v.size)}</Td><Td className="text-right tabular">{v.links}</Td></Tr>
          ))}
        </tbody>
      </Table>
    );
  return (
    <Table>
      <thead><tr><Th>Entry</Th><Th>Type</Th><Th className="text-right">{sortBtn}</Th><Th>Shared</Th><Th>In use</Th><Th>Last used</Th></tr></thead>
      <tbody>
        {data.buildCache.length === 0 ? <tr><Td colSpan={6} className="text-muted">No build cache on this engine.</Td></tr> : null}
        {order(data.buildCache, (b) => b.size).map((b) => (
          <Tr key={b.id}><Td className="max-w-md truncate font-mono text-[12px]">{b.description || b.id}</Td><Td>{b.type}</Td><Td className="text-right tabular">{formatBytes(b.size)}</Td><Td>{b.shared ? 'yes' : 'no'}</Td><Td>{b.inUse ? 'yes' : 'no'}</Td><Td className="text-muted">{b.lastUsed ? formatAgo(b.lastUsed) : '—'}</Td></Tr>
        ))}
      </tbody>
    </Table>
  );
}
