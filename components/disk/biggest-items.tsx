// The biggest images, containers and volumes of the engine as SVG bars, each linked to its own page.
import Link from 'next/link';
import { useMemo } from 'react';
import { cn, formatBytes, shortId } from '@/lib/utils';
import { CATEGORY_FILL } from './usage-chart';
import type { DiskUsage } from './types';

interface Item {
  key: string;
  kind: 'images' | 'containers' | 'volumes';
  label: string;
  name: string;
  size: number;
  note?: string;
  href: string;
}

export function biggestItems(d: DiskUsage, engine: string, limit = 10): Item[] {
  const e = encodeURIComponent(engine);
  const all: Item[] = [
    ...d.images.map((i) => ({
      key: `i/${i.id}`,
      kind: 'images' as const,
      label: 'image',
      name: i.tags[0] ?? shortId(i.id),
      size: i.size,
      note: i.sharedSize > 0 ? `${formatBytes(i.sharedSize)} shared` : undefined,
      href: `/e/${e}/images/${encodeURIComponent(shortId(i.id))}`,
    })),
    ...d.containers.map((c) => ({ key: `c/${c.id}`, kind: 'containers' as const, label: 'container', name: c.name, size: c.sizeRw, note: 'writable layer', href: `/e/${e}/containers/${encodeURIComponent(c.name)}` })),
    ...d.volumes.map((v) => ({ key: `v/${v.name}`, kind: 'volumes' as const, label: 'volume', name: v.name, size: Math.max(0, v.size), href: `/e/${e}/volumes/${encodeURIComponent(v.name)}` })),
  ];
  return all
    .filter((i) => i.size > 0)
    .sort((a, b) => b.size - a.size)
    .slice(0, limit);
}

export function BiggestItems({ usage, engine }: { usage: DiskUsage; engine: string }) {
  const items = useMemo(() => biggestItems(usage, engine), [usage, engine]);
  const max = Math.max(1, ...items.map((i) => i.size));
  return (
    <section aria-labelledby="biggest-h" className="flex flex-col gap-2 rounded-md border border-line bg-raised p-3">
      <h2 id="biggest-h" className="text-[13px] font-semibold">
        Biggest items
      </h2>
      {items.length === 0 ? <p className="text-[12px] text-muted">Nothing here takes space yet.</p> : null}
      <ol className="flex flex-col gap-1.5 text-[12px]">
        {items.map((i) => (
          <li key={i.key} className="grid grid-cols-[4.5rem_minmax(0,1fr)_6rem] items-center gap-x-2 gap-y-0.5">
            <span className="text-[11px] text-muted">{i.label}</span>
            <Link href={i.href} className="min-w-0 truncate font-medium hover:text-accent hover:underline" title={i.name}>
              {i.name}
            </Link>
            <span className="text-right tabular">{formatBytes(i.size)}</span>
            <span aria-hidden />
            <svg viewBox="0 0 1000 6" preserveAspectRatio="none" className="h-1.5 w-full" aria-hidden>
              <rect width={1000} height={6} rx={2} className="fill-line/40" />
              <rect width={Math.max(4, (i.size / max) * 1000)} height={6} rx={2} className={cn(CATEGORY_FILL[i.kind].solid)} />
            </svg>
            <span className="text-right text-[11px] text-muted">{i.note ?? ''}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
