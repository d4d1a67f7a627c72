'use client';
// Everything `docker system df -v` lists, one sortable table per category; tab and sort live in the query string.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { StateBadge } from '@/components/ui/state-badge';
import { useQueryParams } from '@/lib/use-query-params';
import { cn, formatAgo, formatBytes, shortId } from '@/lib/utils';
import { type Column, SortableTable } from './sortable-table';
import type { DiskUsage } from './types';
import { TabStrip } from '@/components/ui/tab-strip';

type Tab = 'images' | 'containers' | 'volumes' | 'buildCache';
const TABS: { key: Tab; label: string }[] = [
  { key: 'images', label: 'Images' },
  { key: 'containers', label: 'Containers' },
  { key: 'volumes', label: 'Volumes' },
  { key: 'buildCache', label: 'Build cache' },
];
const DEFAULT_SORT: Record<Tab, string> = { images: 'size', containers: 'size', volumes: 'size', buildCache: 'size' };


const link = 'font-medium hover:text-accent hover:underline';
const yesNo = (v: boolean) => (v ? <Badge tone="info">yes</Badge> : <span className="text-muted">no</span>);

function columns(engine: string) {
  const e = encodeURIComponent(engine);
  const images: Column<DiskUsage['images'][number]>[] = [
    { key: 'name', label: 'Image', value: (i) => i.tags[0] ?? `~${i.id}`, render: (i) => <Link className={link} href={`/e/${e}/images/${encodeURIComponent(shortId(i.id))}`}>{i.tags.length ? i.tags.join(', ') : <span className="text-muted">&lt;none&gt;</span>}</Link> },
    { key: 'id', label: 'ID', value: (i) => shortId(i.id), className: 'font-mono text-[12px] text-muted' },
    { key: 'created', label: 'Created', value: (i) => i.created, render: (i) => formatAgo(i.created), className: 'text-muted whitespace-nowrap' },
    { key: 'size', label: 'Size', value: (i) => i.size, render: (i) => formatBytes(i.size), numeric: true },
    { key: 'shared', label: 'Shared', value: (i) => i.sharedSize, render: (i) => (i.sharedSize < 0 ? '—' : formatBytes(i.sharedSize)), numeric: true },
    { key: 'unique', label: 'Unique', value: (i) => i.uniqueSize, render: (i) => formatBytes(i.uniqueSize), numeric: true },
    { key: 'containers', label: 'Containers', value: (i) => i.containers, numeric: true },
  ];
  const containers: Column<DiskUsage['containers'][number]>[] = [
    { key: 'name', label: 'Container', value: (c) => c.name, render: (c) => <Link className={link} href={`/e/${e}/containers/${encodeURIComponent(c.name)}`}>{c.name}</Link> },
    { key: 'image', label: 'Image', value: (c) => c.image, className: 'max-w-56 truncate text-muted' },
    { key: 'state', label: 'State', value: (c) => c.state, render: (c) => <StateBadge state={c.state} /> },
    { key: 'status', label: 'Status', value: (c) => c.status, className: 'text-muted whitespace-nowrap' },
    { key: 'volumes', label: 'Local volumes', value: (c) => c.volumes.length, render: (c) => <span title={c.volumes.join(', ')}>{c.volumes.length}</span>, numeric: true },
    { key: 'size', label: 'Writable layer', value: (c) => c.sizeRw, render: (c) => formatBytes(c.sizeRw), numeric: true },
    { key: 'virtual', label: 'Virtual', value: (c) => c.sizeRootFs, render: (c) => formatBytes(c.sizeRootFs), numeric: true, className: 'text-muted' },
    { key: 'created', label: 'Created', value: (c) => c.created, render: (c) => formatAgo(c.created), className: 'text-muted whitespace-nowrap' },
  ];
  const volumes: Column<DiskUsage['volumes'][number]>[] = [
    { key: 'name', label: 'Volume', value: (v) => v.name, render: (v) => <Link className={cn(link, 'break-all')} href={`/e/${e}/volumes/${encodeURIComponent(v.name)}`}>{v.name}</Link> },
    { key: 'driver', label: 'Driver', value: (v) => v.driver, className: 'text-muted' },
    { key: 'links', label: 'Links', value: (v) => v.links, numeric: true },
    { key: 'size', label: 'Size', value: (v) => v.size, render: (v) => (v.size < 0 ? '—' : formatBytes(v.size)), numeric: true },
    { key: 'created', label: 'Created', value: (v) => v.created ?? '', render: (v) => formatAgo(v.created), className: 'text-muted whitespace-nowrap' },
  ];
  const buildCache: Column<DiskUsage['buildCache'][number]>[] = [
    { key: 'id', label: 'Cache ID', value: (b) => b.id, className: 'font-mono text-[12px]' },
    { key: 'type', label: 'Type', value: (b) => b.type, className: 'text-muted' },
    { key: 'description', label: 'Description', value: (b) => b.description, className: 'max-w-md truncate font-mono text-[12px] text-muted' },
    { key: 'size', label: 'Size', value: (b) => b.size, render: (b) => formatBytes(b.size), numeric: true },
    { key: 'created', label: 'Created', value: (b) => b.created ?? '', render: (b) => formatAgo(b.created), className: 'text-muted whitespace-nowrap' },
    { key: 'lastUsed', label: 'Last used', value: (b) => b.lastUsed ?? '', render: (b) => formatAgo(b.lastUsed), className: 'text-muted whitespace-nowrap' },
    { key: 'usage', label: 'Usage', value: (b) => b.usageCount, numeric: true },
    { key: 'shared', label: 'Shared', value: (b) => Number(b.shared), render: (b) => yesNo(b.shared) },
    { key: 'inUse', label: 'In use', value: (b) => Number(b.inUse), render: (b) => yesNo(b.inUse) },
  ];
  return { images, containers, volumes, buildCache };
}

export function CategoryTables({ usage, engine }: { usage: DiskUsage; engine: string }) {
  const [params, setParams] = useQueryParams();
  const tabParam = params.get('tab');
  const tab: Tab = TABS.some((t) => t.key === tabParam) ? (tabParam as Tab) : 'images';
  const sort = params.get('sort') || DEFAULT_SORT[tab];
  const dir = params.get('dir') === 'asc' ? 'asc' : 'desc';
  const onSort = (key: string, d: 'asc' | 'desc') => setParams({ sort: key === DEFAULT_SORT[tab] ? '' : key, dir: d === 'desc' ? '' : d });
  const cols = columns(engine);
  const common = { sort, dir, onSort } as const;
  return (
    <section aria-label="Usage by category" className="flex flex-col">
      <TabStrip
        label="Category"
        look="underline"
        current={tab}
        tabs={TABS.map((t) => ({ key: t.key, label: <>{t.label} <span className="tabular text-muted">{usage.totals[t.key].count}</span></> }))}
        onSelect={(key) => setParams({ tab: key === 'images' ? '' : key, sort: '', dir: '' })}
      />
      <div role="tabpanel" aria-label={TABS.find((t) => t.key === tab)!.label}>
        {tab === 'images' ? <SortableTable label="Images" rows={usage.images} columns={cols.images} rowKey={(i) => i.id} empty="No images on this engine." {...common} /> : null}
        {tab === 'containers' ? <SortableTable label="Containers" rows={usage.containers} columns={cols.containers} rowKey={(c) => c.id} empty="No containers on this engine." {...common} /> : null}
        {tab === 'volumes' ? <SortableTable label="Volumes" rows={usage.volumes} columns={cols.volumes} rowKey={(v) => v.name} empty="No volumes on this engine." {...common} /> : null}
        {tab === 'buildCache' ? <SortableTable label="Build cache" rows={usage.buildCache} columns={cols.buildCache} rowKey={(b) => b.id} empty="No build cache on this engine." {...common} /> : null}
      </div>
    </section>
  );
}
