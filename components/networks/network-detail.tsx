'use client';
// One network: addressing and flags, the containers attached with their addresses, labels, raw JSON.
import { useQuery } from '@tanstack/react-query';
import { DetailFrame, Facts, KeyValues, Mono, RawJson, Section } from '@/components/engine/detail-parts';
import { type ContainerColumn, ContainerTable } from '@/components/engine/container-table';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { Badge } from '@/components/ui/badge';
import type { RouterOutputs } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';
import { formatAgo, formatDate } from '@/lib/utils';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

type Attached = RouterOutputs['networks']['inspect']['attached'][number];
const ADDRESS = (title: string, value: (a: Attached) => string): ContainerColumn<Attached> => ({
  title,
  className: 'w-44',
  cell: (a) => <span className="font-mono text-[12px]">{value(a) || <span className="text-muted">—</span>}</span>,
});

export function NetworkDetail({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  const q = useQuery({ ...trpc.networks.inspect.queryOptions({ engine, id }), retry: false, refetchInterval: fallback });
  const error = useSettledError(q);
  const d = q.data;
  const e = encodeURIComponent(engine);
  return (
    <DetailFrame
      back={`/e/${e}/networks`}
      backLabel="Back to networks"
      kind="Network"
      title={d?.name ?? id}
      badges={
        d ? (
          <>
            {d.builtin ? <Badge>built-in</Badge> : null}
            {d.internal ? <Badge tone="warn">internal</Badge> : null}
            {d.attachable ? <Badge tone="info">attachable</Badge> : null}
          </>
        ) : null
      }
      error={error}
      pending={q.isPending}
    >
      {d ? (
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
              ['Created', d.created ? <>{formatDate(d.created)} <span className="text-muted">({formatAgo(d.created)})</span></> : ''],
            ]}
          />
          <Section title="Attached containers" count={d.attached.length}>
            <ContainerTable engine={engine} rows={d.attached} columns={[ADDRESS('IPv4', (a) => a.ipv4), ADDRESS('MAC', (a) => a.mac)]} empty="No container is attached." />
          </Section>
          <Section title="Labels" count={d.labels.length}>
            <KeyValues rows={d.labels} empty="No labels." />
          </Section>
          <RawJson text={d.raw} />
        </div>
      ) : null}
    </DetailFrame>
  );
}
