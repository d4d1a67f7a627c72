'use client';
// The nodes × services matrix: how many running tasks each service has on each node. A drained node runs nothing, so
// its column is empty and marked; a paused or down node is marked too.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { Td, Th, Tr } from '@/components/ui/data-table';
import { SortTh } from '@/components/ui/sort-th';
import type { SwarmNode, SwarmService } from '@/lib/swarm';
import { naturalCompare } from '@/lib/natural-sort';
import { useTRPC } from '@/lib/trpc';
import type { SortState } from '@/lib/use-sort';
import { cn } from '@/lib/utils';
import { ReplicasText } from './service-cells';
import { useListOptions } from './use-swarm';

/** Nodes in name order, and running tasks counted per service and node. */
export function useMatrix(engine: string, enabled: boolean) {
  const trpc = useTRPC();
  const options = useListOptions();
  const nodes = useQuery({ ...trpc.swarm.nodes.queryOptions({ engine }), ...options, enabled });
  const tasks = useQuery({ ...trpc.swarm.tasks.queryOptions({ engine }), ...options, enabled });
  const sorted = useMemo(() => [...(nodes.data ?? [])].sort((a, b) => naturalCompare(a.hostname, b.hostname)), [nodes.data]);
  const counts = useMemo(() => {
    const out = new Map<string, Map<string, number>>();
    for (const t of tasks.data ?? []) {
      if (t.state !== 'running' || !t.nodeId) continue;
      const row = out.get(t.serviceId) ?? new Map<string, number>();
      row.set(t.nodeId, (row.get(t.nodeId) ?? 0) + 1);
      out.set(t.serviceId, row);
    }
    return out;
  }, [tasks.data]);
  return { nodes: sorted, counts, pending: nodes.isPending || tasks.isPending, error: nodes.error ?? tasks.error };
}

/** What marks a node's column: drained or paused, down, or nothing for an active, ready node. */
function mark(n: SwarmNode): { text: string; tone: 'warn' | 'bad' | 'info' } | null {
  if (n.state !== 'ready') return { text: n.state, tone: 'bad' };
  if (n.availability === 'drain') return { text: 'drained', tone: 'warn' };
  if (n.availability === 'pause') return { text: 'paused', tone: 'info' };
  return null;
}

export function MatrixHead<K extends string>({ sort, nodes }: { sort: SortState<K>; nodes: SwarmNode[] }) {
  return (
    <tr>
      <SortTh sort={sort} k={'name' as K} className="min-w-48">
        Service
      </SortTh>
      {nodes.map((n) => {
        const m = mark(n);
        return (
          <Th key={n.id} className="w-32 text-center normal-case" data-node-column={n.hostname} data-drained={n.availability === 'drain' || undefined}>
            <span className="flex flex-col items-center leading-4">
              <span className="max-w-32 truncate font-mono text-[11px] tracking-normal text-fg" title={`${n.hostname} · ${n.role}${n.manager?.leader ? ' (leader)' : ''}`}>
                {n.hostname}
              </span>
              {m ? (
                <Badge tone={m.tone} className="text-[10px] leading-3">
                  {m.text}
                </Badge>
              ) : (
                <span className="text-[10px] font-normal tracking-normal text-muted">{n.role}</span>
              )}
            </span>
          </Th>
        );
      })}
    </tr>
  );
}

export function MatrixRow({ engine, service, nodes, counts }: { engine: string; service: SwarmService; nodes: SwarmNode[]; counts: Map<string, number> | undefined }) {
  return (
    <Tr data-service={service.name}>
      <Td className="max-w-0">
        <span className="flex min-w-0 items-center justify-between gap-2">
          <Link href={`/e/${encodeURIComponent(engine)}/swarm/services/${encodeURIComponent(service.id)}`} title={service.name} className="truncate font-medium hover:text-accent hover:underline">
            {service.name}
          </Link>
          <span className="text-[12px]">
            <ReplicasText s={service} />
          </span>
        </span>
      </Td>
      {nodes.map((n) => {
        const count = counts?.get(n.id) ?? 0;
        const drained = n.availability === 'drain';
        return (
          <Td
            key={n.id}
            data-node={n.hostname}
            data-count={count}
            aria-label={`${service.name} on ${n.hostname}: ${count} running${drained ? ' (drained)' : ''}`}
            className={cn('text-center tabular', drained && 'bg-[repeating-linear-gradient(135deg,transparent_0_6px,var(--color-line)_6px_7px)]')}
          >
            {count ? (
              <span className="inline-flex min-w-6 justify-center rounded bg-ok/12 px-1.5 py-px font-medium text-ok">{count}</span>
            ) : (
              <span className="text-muted/50" aria-hidden>
                ·
              </span>
            )}
          </Td>
        );
      })}
    </Tr>
  );
}
