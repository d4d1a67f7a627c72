// Where the space goes: one stacked SVG bar of the whole engine, then each category split into in use and reclaimable.
import { formatBytes } from '@/lib/utils';
import { cn } from '@/lib/utils';

export interface CategoryBar {
  key: 'images' | 'containers' | 'volumes' | 'buildCache';
  label: string;
  noun: string;
  plural: string;
  size: number;
  reclaimable: number;
  count: number;
  active: number;
}

/** One colour per category, from the theme, so both themes read the same. */
export const CATEGORY_FILL: Record<CategoryBar['key'], { solid: string; faint: string; swatch: string }> = {
  images: { solid: 'fill-accent', faint: 'fill-accent/30', swatch: 'bg-accent' },
  containers: { solid: 'fill-ok', faint: 'fill-ok/30', swatch: 'bg-ok' },
  volumes: { solid: 'fill-warn', faint: 'fill-warn/30', swatch: 'bg-warn' },
  buildCache: { solid: 'fill-muted', faint: 'fill-muted/30', swatch: 'bg-muted' },
};

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

export function UsageChart({ bars, total, reclaimable }: { bars: CategoryBar[]; total: number; reclaimable: number }) {
  const max = Math.max(1, ...bars.map((b) => b.size));
  let x = 0;
  return (
    <section aria-labelledby="space-h" className="flex flex-col gap-3 rounded-md border border-line bg-raised p-3">
      <div className="flex items-baseline gap-2">
        <h2 id="space-h" className="text-[13px] font-semibold">
          Where the space goes
        </h2>
        <span className="ml-auto text-[12px] text-muted tabular">
          {formatBytes(total)} · {formatBytes(reclaimable)} reclaimable ({pct(reclaimable, total)}%)
        </span>
      </div>
      <svg
        viewBox="0 0 1000 16"
        preserveAspectRatio="none"
        className="h-4 w-full"
        role="img"
        aria-label={bars.map((b) => `${b.label} ${formatBytes(b.size)}`).join(', ')}
      >
        <rect width={1000} height={16} rx={3} className="fill-line/60" />
        {bars.map((b) => {
          const w = total > 0 ? (b.size / total) * 1000 : 0;
          const r = (
            <g key={b.key}>
              <rect x={x} width={w} height={16} className={CATEGORY_FILL[b.key].solid} />
              {w > 2 ? <rect x={x + w - 1.5} width={1.5} height={16} className="fill-raised" /> : null}
            </g>
          );
          x += w;
          return r;
        })}
      </svg>
      <table className="w-full text-[12px]">
        <thead className="sr-only">
          <tr>
            <th>Category</th>
            <th>Objects</th>
            <th>In use and reclaimable</th>
            <th>Size</th>
            <th>Reclaimable</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => {
            const used = Math.max(0, b.size - b.reclaimable);
            return (
              <tr key={b.key} data-category={b.key} data-size={b.size}>
                <td className="w-28 py-1 pr-2 font-medium whitespace-nowrap">
                  <span aria-hidden className={cn('mr-1.5 inline-block size-2 rounded-sm', CATEGORY_FILL[b.key].swatch)} />
                  {b.label}
                </td>
                <td className="w-32 py-1 pr-2 text-muted tabular whitespace-nowrap">
                  {b.count} {b.count === 1 ? b.noun : b.plural}, {b.active} in use
                </td>
                <td className="py-1 pr-3">
                  <svg viewBox="0 0 1000 10" preserveAspectRatio="none" className="h-2.5 w-full min-w-16" aria-hidden>
                    <rect width={1000} height={10} rx={2} className="fill-line/40" />
                    <rect width={(used / max) * 1000} height={10} className={CATEGORY_FILL[b.key].solid} />
                    <rect x={(used / max) * 1000} width={(b.reclaimable / max) * 1000} height={10} className={CATEGORY_FILL[b.key].faint} />
                  </svg>
                </td>
                <td className="w-20 py-1 text-right tabular whitespace-nowrap">{formatBytes(b.size)}</td>
                <td
                  className="w-36 py-1 pl-2 text-right text-muted tabular whitespace-nowrap"
                  title={b.key === 'images' ? 'As Docker counts it: every layer except those only images in use hold.' : undefined}
                >
                  {formatBytes(b.reclaimable)} reclaimable
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="flex gap-4 text-[11px] text-muted">
        <span className="flex items-center gap-1">
          <span aria-hidden className="h-2 w-3 rounded-sm bg-fg/70" /> in use
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden className="h-2 w-3 rounded-sm bg-fg/25" /> reclaimable
        </span>
        <span>Images count each shared layer once.</span>
      </p>
    </section>
  );
}
