'use client';
// One volume: driver, mount point, the containers using it, labels, options, raw JSON.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DetailFrame, Facts, KeyValues, RawJson, Section } from '@/components/resources/detail';
import { useTRPC } from '@/lib/trpc';
import { formatDate } from '@/lib/utils';

export function VolumeDetail({ engine, name }: { engine: string; name: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.volumes.inspect.queryOptions({ engine, name }), retry: false, refetchInterval: 5000 });
  const d = q.data;
  const e = encodeURIComponent(engine);
  return (
    <DetailFrame back={`/e/${e}/volumes`} backLabel="Back to volumes" title={name} error={q.error}>
      {d ? (
        <>
          <Facts rows={[['Driver', d.driver], ['Scope', d.scope], ['Created', formatDate(d.created)], ['Mount point', <span className="font-mono text-[12px]">{d.mountpoint}</span>]]} />
          <Section title="In use by">
            {d.usedBy.length ? (
              d.usedBy.map((u) => (
                <Link key={u.id} href={`/e/${e}/containers/${encodeURIComponent(u.name)}`} className="mr-3 text-accent hover:underline">
                  {u.name}
                </Link>
              ))
            ) : (
              <p className="text-muted">No container uses this volume.</p>
            )}
          </Section>
          <Section title="Labels">
            <KeyValues rows={d.labels} empty="No labels." />
          </Section>
          <Section title="Options">
            <KeyValues rows={d.options} empty="No driver options." />
          </Section>
          <RawJson text={d.raw} />
        </>
      ) : null}
    </DetailFrame>
  );
}
