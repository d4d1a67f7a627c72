'use client';
// One network: addressing and flags, the containers attached with their addresses, labels, raw JSON.
import { useQuery } from '@tanstack/react-query';
import { DetailFrame, Facts, Labels, Mono, RawJson, Section, dateFact, useDetailPolling } from '@/components/engine/detail-parts';
import { type ContainerColumn, ContainerTable } from '@/components/engine/container-table';
import { Badge } from '@/components/ui/badge';
import { StateBadge } from '@/components/ui/state-badge';
import type { RouterOutputs } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

type Attached = RouterOutputs['networks']['inspect']['attached'][number];
const ADDRESS = (title: string, value: (a: Attached) => string): ContainerColumn<Attached> => ({
  title,
  className: 'w-44',
  cell: (a) => <span className="font-mono text-[12px]">{value(a) || <span className="text-muted">—</span>}</span>,
});

export function NetworkDetail({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.networks.inspect.queryOptions({ engine, id }), ...useDetailPolling() });
  return (
    <DetailFrame
      back={`/e/${encodeURIComponent(engine)}/networks`}
      backLabel="Back to networks"
      kind="Network"
      title={q.data?.name ?? id}
      query={q}
      badges={(d) => (
        <>
          {d.builtin ? <Badge>built-in</Badge> : null}
          {d.internal ? <Badge tone="warn">internal</Badge> : null}
          {d.attachable ? <Badge tone="info">attachable</Badge> : null}
        </>
      )}
    >
      {(d) => (
        <div className="max-w-5xl">
          <Facts
            rows={[
              ['ID', <Mono>{d.id}</Mono>],
              ['Driver', d.driver],
              ['Scope', d.scope],
              ['Subnet', d.subnet ? <Mono>{d.subnet}</Mono> : ''],
              ['Gateway', d.gateway ? <Mono>{d.gateway}</Mono> : ''],
              ['Internal', yesNo(d.internal)],
              ['Attachable', yesNo(d.attachable)],
              ['IPv6', yesNo(d.ipv6)],
              ['Created', dateFact(d.created)],
            ]}
          />
          <Section title="Attached containers" count={d.attached.length}>
            <ContainerTable
              engine={engine}
              rows={d.attached}
              columns={[{ title: 'State', className: 'w-28', cell: (a) => <StateBadge state={a.state} /> }, ADDRESS('IPv4', (a) => a.ipv4), ADDRESS('MAC', (a) => a.mac)]}
              empty="No container is attached."
            />
          </Section>
          <Labels rows={d.labels} />
          <RawJson text={d.raw} />
        </div>
      )}
    </DetailFrame>
  );
}
