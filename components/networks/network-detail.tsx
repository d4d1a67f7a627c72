'use client';
// One network: addressing and flags, the containers attached with their addresses, labels, raw JSON.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DetailFrame, Facts, KeyValues, Mono, RawJson, Section } from '@/components/engine/detail-parts';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc';
import { formatAgo, formatDate, shortId } from '@/lib/utils';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

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
            {d.attached.length ? (
              <div className="overflow-hidden rounded-md border border-line">
                <Table>
                  <thead>
                    <tr>
                      <Th>Container</Th>
                      <Th className="w-32">ID</Th>
                      <Th className="w-44">IPv4</Th>
                      <Th className="w-44">MAC</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.attached.map((a) => (
                      <Tr key={a.id}>
                        <Td>
                          <Link href={`/e/${e}/containers/${encodeURIComponent(a.name)}`} className="text-accent hover:underline">
                            {a.name}
                          </Link>
                        </Td>
                        <Td className="font-mono text-[12px] text-muted">{shortId(a.id)}</Td>
                        <Td className="font-mono text-[12px]">{a.ipv4 || <span className="text-muted">—</span>}</Td>
                        <Td className="font-mono text-[12px]">{a.mac || <span className="text-muted">—</span>}</Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            ) : (
              <p className="text-muted">No container is attached.</p>
            )}
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
