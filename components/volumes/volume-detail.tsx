'use client';
// One volume: driver, mount point, the containers using it, labels, driver options, raw JSON.
import { useQuery } from '@tanstack/react-query';
import { DetailFrame, Facts, KeyValues, Labels, Mono, RawJson, Section, dateFact, useDetailPolling } from '@/components/engine/detail-parts';
import { ContainerTable } from '@/components/engine/container-table';
import { Badge } from '@/components/ui/badge';
import { StateBadge } from '@/components/ui/state-badge';
import { useTRPC } from '@/lib/trpc';

export function VolumeDetail({ engine, name }: { engine: string; name: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.volumes.inspect.queryOptions({ engine, name }), ...useDetailPolling() });
  return (
    <DetailFrame
      back={`/e/${encodeURIComponent(engine)}/volumes`}
      backLabel="Back to volumes"
      kind="Volume"
      title={name}
      query={q}
      badges={(d) => (
        <>
          {d.anonymous ? <Badge>anonymous</Badge> : null}
          <Badge tone={d.usedBy.length ? 'info' : 'neutral'}>{d.usedBy.length ? `in use by ${d.usedBy.length}` : 'unused'}</Badge>
        </>
      )}
    >
      {(d) => (
        <div className="max-w-5xl">
          <Facts
            rows={[
              ['Name', <Mono>{d.name}</Mono>],
              ['Driver', d.driver],
              ['Scope', d.scope],
              ['Created', dateFact(d.created)],
              ['Mount point', <Mono>{d.mountpoint}</Mono>],
            ]}
          />
          <Section title="Used by" count={d.usedBy.length}>
            <ContainerTable engine={engine} rows={d.usedBy} columns={[{ title: 'State', className: 'w-32', cell: (u) => <StateBadge state={u.state} /> }]} empty="No container uses this volume." />
          </Section>
          <Labels rows={d.labels} />
          <Section title="Options" count={d.options.length}>
            <KeyValues rows={d.options} empty="No driver options." />
          </Section>
          <RawJson text={d.raw} />
        </div>
      )}
    </DetailFrame>
  );
}
