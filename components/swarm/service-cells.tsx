// Cells a service shows in the list and on its own page: replicas, published ports, update state.
import { Badge } from '@/components/ui/badge';
import type { PublishedPort, SwarmService, UpdateStatus } from '@/lib/swarm';
import { cn } from '@/lib/utils';
import { portText, replicas, updateWord } from './format';

export function ReplicasText({ s }: { s: Pick<SwarmService, 'running' | 'desired'> }) {
  const r = replicas(s);
  return (
    <span
      className={cn('font-medium tabular', r.short && (s.running === 0 ? 'text-bad' : 'text-warn'))}
      title={r.short ? `${s.desired - s.running} of ${s.desired} tasks are not running` : `${s.running} running`}
      data-short={r.short || undefined}
    >
      {r.text}
    </span>
  );
}

export function ServicePorts({ ports }: { ports: PublishedPort[] }) {
  if (!ports.length) return <span className="text-muted">—</span>;
  const all = ports.map(portText);
  return (
    <span className="block truncate font-mono text-[12px]" title={all.join('\n')}>
      {all.join(', ')}
    </span>
  );
}

/** The update's state as a badge, and its message beside it (in full on hover). */
export function UpdateCell({ update }: { update: UpdateStatus | null }) {
  const w = updateWord(update);
  if (!w) return <span className="text-muted">—</span>;
  return (
    <span className="flex min-w-0 items-center gap-1.5" title={update?.message ?? undefined} data-update={update?.state}>
      <Badge tone={w.tone}>{w.text}</Badge>
      {update?.message && update.state !== 'completed' ? <span className="truncate text-[12px] text-muted">{update.message}</span> : null}
    </span>
  );
}
