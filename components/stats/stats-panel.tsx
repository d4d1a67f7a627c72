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
  const last = samples[samples.length - 1];
  const rate = (n: number) => `${formatBytes(n)}/s`;
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
        <span className="text-muted">{samples.length ? `${samples.length} samples, one a second` : 'waiting for the first sample…'}</span>
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <LineChart label="CPU" values={samples.map((s) => s.cpuPercent)} format={(n) => `${n.toFixed(1)} %`} />
        <LineChart label="Memory (without cache)" values={samples.map((s) => s.memoryUsed)} format={formatBytes} />
        <LineChart label="Network received" values={samples.map((s) => s.netRx)} format={rate} />
        <LineChart label="Network sent" values={samples.map((s) => s.netTx)} format={rate} />
        <LineChart label="Block read" values={samples.map((s) => s.blockRead)} format={rate} />
        <LineChart label="Block written" values={samples.map((s) => s.blockWrite)} format={rate} />
      </div>
    </div>
  );
}
