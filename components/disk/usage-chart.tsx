'use client';
// Where the space goes: one stacked bar per category (in use vs reclaimable) and the biggest items, in SVG.
import { formatBytes } from '@/lib/utils';

export interface CategoryBar {
  key: string;
  label: string;
  size: number;
  reclaimable: number;
  count: number;
  active: number;
}

export function UsageBars({ bars }: { bars: CategoryBar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.size));
  return (
    <div className="flex flex-col gap-2" role="list" aria-label="Space by category">
      {bars.map((b) => {
        const used = Math.max(0, b.size - b.reclaimable);
        return (
          <div key={b.key} role="listitem" className="grid grid-cols-[7rem_minmax(0,1fr)_12rem] items-center gap-3" data-category={b.key}>
            <span className="text-[13px] font-medium">{b.label}</span>
            <svg viewBox="0 0 100 8" preserveAspectRatio="none" className="h-3 w-full overflow-visible" aria-hidden>
              <rect x={0} y={0} width={100} height={8} rx={1.5} className="fill-line/60" />
              <rect x={0} y={0} width={(used / max) * 100} height={8} rx={1.5} className="fill-accent" />
              <rect x={(used / max) * 100} y={0} width={(b.reclaimable / max) * 100} height={8} className="fill-warn/70" />
            </svg>
            <span className="text-right text-[12px] tabular">
              {formatBytes(b.size)} <span className="text-muted">· {formatBytes(b.reclaimable)} reclaimable</span>
            </span>
          </div>
        );
      })}
      <div className="flex gap-4 text-[11px] text-muted">
        <span className="flex items-center gap-1">
          <span className="size-2 rounded-sm bg-accent" /> in use
        </span>
        <span className="flex items-center gap-1">
          <span className="size-2 rounded-sm bg-warn/70" /> reclaimable
        </span>
      </div>
    </div>
  );
}
