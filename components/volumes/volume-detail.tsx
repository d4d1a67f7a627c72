'use client';
// One volume: driver, mount point, the containers using it, labels, driver options, raw JSON.
import { useQuery } from '@tanstack/react-query';
import { DetailFrame, Facts, KeyValues, Mono, RawJson, Section } from '@/components/engine/detail-parts';
import { ContainerTable } from '@/components/engine/container-table';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { Badge } from '@/components/ui/badge';
import { StateBadge } from '@/components/ui/state-badge';
import { useTRPC } from '@/lib/trpc';
import { formatAgo, formatDate } from '@/lib/utils';

export function VolumeDetail({ engine, name }: { engine: string; name: string }) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  const q = useQuery({ ...trpc.volumes.inspect.queryOptions({ engine, name }), retry: false, refetchInterval: fallback });
  const error = useSettledError(q);
  const d = q.data;
  const e = encodeURIComponent(engine);
  return (
    <DetailFrame
      back={`/e/${e}/volumes`}
      backLabel="Back to volumes"
      kind="Volume"
      title={name}
      badges={
        d ? (
          <>
            {d.anonymous ? <Badge>anonymous</Badge> : null}
            <Badge tone={d.usedBy.length ? 'info' : 'neutral'}>{d.usedBy.length ? `in use by ${d.usedBy.length}` : 'unused'}</Badge>
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
              ['Name', <Mono>{d.name}</Mono>],
              ['Driver', d.driver],
              ['Scope', d.scope],
              ['Created', d.created ? <>{formatDate(d.created)} <span className="text-muted">({formatAgo(d.created)})</span></> : ''],
              ['Mount point', <Mono>{d.mountpoint}</Mono>],
            ]}
          />
          <Section title="Used by" count={d.usedBy.length}>
            <ContainerTable engine={engine} rows={d.usedBy} columns={[{ title: 'State', className: 'w-32', cell: (u) => <StateBadge state={u.state} /> }]} empty="No container uses this volume." />
          </Section>
          <Section title="Labels" count={d.labels.length}>
            <KeyValues rows={d.labels} empty="No labels." />
          </Section>
          <Section title="Options" count={d.options.length}>
            <KeyValues rows={d.options} empty="No driver options." />
          </Section>
          <RawJson text={d.raw} />
        </div>
      ) : null}
    </DetailFrame>
  );
}
