// A list of cleanup items (what a preview would remove, or what a cleanup skipped), each linked to its page.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { cn, formatBytes, shortId } from '@/lib/utils';
import type { PruneItem, PruneKind } from './types';

export const KIND: Record<PruneKind, { one: string; many: string }> = {
  container: { one: 'container', many: 'containers' },
  image: { one: 'image', many: 'images' },
  volume: { one: 'volume', many: 'volumes' },
  network: { one: 'network', many: 'networks' },
  buildCache: { one: 'build cache entry', many: 'build cache entries' },
};

export const countOf = (n: number, kind: PruneKind) => `${n} ${n === 1 ? KIND[kind].one : KIND[kind].many}`;

function href(engine: string, item: PruneItem): string | null {
  const e = encodeURIComponent(engine);
  switch (item.kind) {
    case 'container':
      return `/e/${e}/containers/${encodeURIComponent(item.name)}`;
    case 'image':
      return `/e/${e}/images/${encodeURIComponent(shortId(item.id))}`;
    case 'volume':
      return `/e/${e}/volumes/${encodeURIComponent(item.name)}`;
    case 'network':
      return `/e/${e}/networks/${encodeURIComponent(item.id)}`;
    default:
      return null;
  }
}

export function PruneItems({ engine, items, label, reasons, className }: { engine: string; items: (PruneItem & { reason?: string })[]; label: string; reasons?: boolean; className?: string }) {
  return (
    <ul aria-label={label} className={cn('max-h-72 overflow-auto rounded-md border border-line bg-bg text-[12px]', className)}>
      {items.map((i) => {
        const to = href(engine, i);
        return (
          <li key={`${i.kind}/${i.id}`} className="grid grid-cols-[8.5rem_minmax(0,1fr)_5rem] items-baseline gap-x-2 border-b border-line px-2 py-1 last:border-0">
            <span>
              <Badge tone={i.kind === 'volume' ? 'warn' : 'neutral'}>{KIND[i.kind].one}</Badge>
            </span>
            <span className="min-w-0">
              {to ? (
                <Link href={to} className="font-mono break-all hover:text-accent hover:underline">
                  {i.name}
                </Link>
              ) : (
                <span className="font-mono break-all">{i.name}</span>
              )}
              <span className="block truncate text-muted" title={reasons ? i.reason : i.detail}>
                {reasons ? i.reason : i.detail}
              </span>
            </span>
            <span className="text-right tabular">{i.kind === 'network' ? '' : formatBytes(i.size)}</span>
          </li>
        );
      })}
    </ul>
  );
}
