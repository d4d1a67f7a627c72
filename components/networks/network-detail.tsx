'use client';
// One network: addressing, the containers attached, labels, raw JSON.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DetailFrame, Facts, KeyValues, RawJson, Section } from '@/components/resources/detail';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc';
import { formatDate } from '@/lib/utils';

export function NetworkDetail({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.networks.inspect.queryOptions({ engine, id }), retry: false, refetchInterval: 5000 });
  const d = q.data;
  const e = encodeURIComponent(engine);
  return (
    <DetailFrame back={`/e/${e}/networks`} backLabel="Back to networks" title={d?.name ?? id} error={q.error}>
      {d ? (
        <>
          <Facts
            rows={[
              ['ID', <span className="font-mono text-[12px]">{d.id}</span>],
              ['Driver', d.driver],
              ['Scope', d.scope],
              ['Subnet', d.subnet],
              ['Gateway', d.gateway],
              ['Internal', d.internal ? 'yes' : 'no'],
              ['Attachable', d.attachable ? 'yes' : 'no'],
              ['IPv6', d.ipv6 ? 'yes' : 'no'],
              ['Created', formatDate(d.created)],
            ]}
          />
          <Section title={`Attached containers (${d.attached.length})`}>
            {d.attached.length ? (
              <Table className="rounded-md border border-line">
                <thead>
                  <tr>
                    <Th>Container</Th>
                    <Th>IPv4</Th>
                    <Th>MAC</Th>
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
                      <Td className="font-mono text-[12px]">{a.ipv4}</Td>
                      <Td className="font-mono text-[12px]">{a.mac}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <p className="text-muted">No container is attached.</p>
            )}
          </Section>
          <Section title="Labels">
            <KeyValues rows={d.labels} empty="No labels." />
          </Section>
          <RawJson text={d.raw} />
        </>
      ) : null}
    </DetailFrame>
  );
}
