'use client';
// A container's live resource use: CPU, memory, network and block I/O, PIDs, with 15-minute charts.
import { useState } from 'react';
import { useSubscription } from '@trpc/tanstack-react-query';
import { ErrorBanner } from '@/components/ui/error-banner';
import type { RouterOutputs, Yielded } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';
import { formatBytes } from '@/lib/utils';
import { LineChart } from './line-chart';

type Sample = Yielded<RouterOutputs['containers']['stats']>;

const KEEP = 900;

export function StatsPanel({ engine, id, running }: { engine: string; id: string; running: boolean }) {
  const trpc = useTRPC();
  const [samples, setSamples] = useState<Sample[]>([]);
  const sub = useSubscription(
    trpc.containers.stats.subscriptionOptions(
      { engine, id },
      {
        enabled: running,
        onData: (s) => setSamples((old) => (old.length >= KEEP ? [...old.slice(old.length - KEEP + 1), s] : [...old, s])),
      },
    ),
  );
  if (!running) return <p className="p-4 text-muted">This container is not running, so it uses no resources. Start it to see live figures.</p>;
  // Charts start at the first sample that measures something: the stream's first has no earlier one to compare with.
  const measured = samples.filter((s) => s.measured !== false);
  const last = samples[samples.length - 1];
  const rate = (n: number) => `${formatBytes(n)}/s`;
  const series = (f: (s: Sample) => number) => measured.map(f);
  return (
    <div className="flex flex-col gap-3 p-4">
      {sub.error ? <ErrorBanner error={sub.error} /> : null}
      <div className="flex flex-wrap gap-x-8 gap-y-2 text-[13px]">
        <span>
          <span className="text-muted">Memory limit </span>
          <span className="tabular">{last ? formatBytes(last.memoryLimit) : '—'}</span>
        </span>
        <span>
          <span className="text-muted">PIDs </span>
          <span className="tabular">{last?.pids ?? '—'}</span>
        </span>
        <span className="text-muted" data-stats-status>
          {measured.length ? `${measured.length} samples, one a second` : samples.length ? 'measuring…' : 'waiting for the first sample…'}
        </span>
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <LineChart label="CPU" unit="% of one CPU" values={series((s) => s.cpuPercent)} format={(n) => `${n.toFixed(1)} %`} />
        <LineChart label="Memory (without cache)" unit="bytes" values={series((s) => s.memoryUsed)} format={formatBytes} />
        <LineChart label="Network received" unit="per second" values={series((s) => s.netRx)} format={rate} />
        <LineChart label="Network sent" unit="per second" values={series((s) => s.netTx)} format={rate} />
        <LineChart label="Block read" unit="per second" values={series((s) => s.blockRead)} format={rate} />
        <LineChart label="Block written" unit="per second" values={series((s) => s.blockWrite)} format={rate} />
      </div>
    </div>
  );
}
