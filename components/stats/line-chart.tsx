'use client';
// A small SVG line chart for the last 15 minutes of one measure; redrawn once a second, no library.
import { useMemo } from 'react';

export function LineChart({ values, max, label, format }: { values: number[]; max?: number; label: string; format: (n: number) => string }) {
  const W = 600;
  const H = 120;
  const CAP = 900;
  const top = Math.max(max ?? 0, ...values, 1e-9) * (max ? 1 : 1.15);
  const path = useMemo(() => {
    if (values.length < 2) return '';
    const step = W / (CAP - 1);
    const start = CAP - values.length;
    return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${((start + i) * step).toFixed(1)},${(H - (v / top) * H).toFixed(1)}`).join('');
  }, [values, top]);
  const last = values[values.length - 1];
  return (
    <figure className="flex flex-col gap-1 rounded-md border border-line bg-raised p-3">
      <figcaption className="flex items-baseline justify-between">
        <span className="text-[12px] text-muted">{label}</span>
        <span className="text-[15px] font-semibold tabular">{last === undefined ? '—' : format(last)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 w-full" role="img" aria-label={`${label} over the last 15 minutes`}>
        {[0.25, 0.5, 0.75].map((f) => (
          <line key={f} x1={0} x2={W} y1={H * f} y2={H * f} className="stroke-line" strokeWidth={1} vectorEffect="non-scaling-stroke" />
        ))}
        {path ? <path d={`${path}L${W},${H}L${((CAP - values.length) * W) / (CAP - 1)},${H}Z`} className="fill-accent/10" /> : null}
        {path ? <path d={path} data-chart-line className="fill-none stroke-accent" strokeWidth={1.5} vectorEffect="non-scaling-stroke" /> : null}
      </svg>
      <div className="flex justify-between text-[10px] text-muted tabular">
        <span>15 min ago</span>
        <span>peak {format(Math.max(0, ...values))}</span>
        <span>now</span>
      </div>
    </figure>
  );
}
