'use client';
// A small SVG line chart of one measure, from its first sample to now (at most 15 minutes, one sample a second),
// with a labelled y-axis; redrawn once a second, no library.
import { useMemo } from 'react';

const W = 600;
const H = 120;
const CAP = 900;

function span(seconds: number): string {
  if (seconds < 60) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

export function LineChart({ values, max, label, unit, format }: { values: number[]; max?: number; label: string; unit: string; format: (n: number) => string }) {
  const shown = values.length > CAP ? values.slice(values.length - CAP) : values;
  const peak = Math.max(0, ...shown);
  // A little headroom, so the line does not run along the top edge; an idle measure still gets a scale.
  const top = max ?? (peak > 0 ? peak * 1.15 : 1);
  const path = useMemo(() => {
    if (shown.length < 2) return '';
    const step = W / (shown.length - 1);
    return shown.map((v, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(H - (v / top) * H).toFixed(1)}`).join('');
  }, [shown, top]);
  const last = shown[shown.length - 1];
  return (
    <figure className="flex flex-col gap-1 rounded-md border border-line bg-raised p-3">
      <figcaption className="flex items-baseline justify-between gap-2">
        <span className="text-[12px] text-muted">{label}</span>
        <span className="text-[15px] font-semibold whitespace-nowrap tabular">{last === undefined ? <span className="text-[12px] font-normal text-muted">measuring…</span> : format(last)}</span>
      </figcaption>
      <div className="flex gap-2">
        <div className="flex h-28 w-16 shrink-0 flex-col justify-between text-right text-[10px] leading-none text-muted tabular" aria-label={`Scale: ${unit}`} data-y-axis>
          <span>{format(top)}</span>
          <span>{format(top / 2)}</span>
          <span>{format(0)}</span>
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 min-w-0 flex-1" role="img" aria-label={`${label} since the first sample`}>
          {[0, 0.5, 1].map((f) => (
            <line key={f} x1={0} x2={W} y1={Math.min(H - 0.5, Math.max(0.5, H * f))} y2={Math.min(H - 0.5, Math.max(0.5, H * f))} className="stroke-line" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          ))}
          {path ? <path d={`${path}L${W},${H}L0,${H}Z`} className="fill-accent/10" /> : null}
          {path ? <path d={path} data-chart-line className="fill-none stroke-accent" strokeWidth={1.5} vectorEffect="non-scaling-stroke" /> : null}
        </svg>
      </div>
      <div className="flex justify-between pl-18 text-[10px] text-muted tabular">
        <span>{shown.length > 1 ? span(shown.length - 1) : ''}</span>
        <span>peak {format(peak)}</span>
        <span>now</span>
      </div>
    </figure>
  );
}
