// Progress of a slow `docker system df`: elapsed time against how long the last one took on this engine.
import { cn } from '@/lib/utils';

export function DfProgress({ computing, className }: { computing: { elapsedMs: number; expectedMs: number | null }; className?: string }) {
  const { elapsedMs, expectedMs } = computing;
  const fraction = expectedMs ? Math.min(0.95, elapsedMs / Math.max(1, expectedMs)) : null;
  const secs = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;
  return (
    <div role="status" aria-live="polite" className={cn('flex items-center gap-2 text-[12px] text-muted', className)}>
      <div
        role="progressbar"
        aria-label="Computing sizes"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
        className="relative h-1.5 w-28 overflow-hidden rounded-full bg-line"
      >
        {fraction === null ? (
          <div className="absolute inset-y-0 w-1/3 animate-pulse rounded-full bg-accent" />
        ) : (
          <div className="h-full rounded-full bg-accent transition-[width] duration-500" style={{ width: `${fraction * 100}%` }} />
        )}
      </div>
      <span className="tabular">
        Computing sizes… {secs(elapsedMs)}
        {expectedMs ? ` of about ${secs(expectedMs)}` : ''}
      </span>
    </div>
  );
}
