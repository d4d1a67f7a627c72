'use client';
// One image: summary, the containers using it, its layers and history, raw JSON.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DetailFrame, Facts, KeyValues, RawJson, Section } from '@/components/resources/detail';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc';
import { formatAgo, formatBytes, formatDate, shortId } from '@/lib/utils';

export function ImageDetail({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.images.inspect.queryOptions({ engine, id }), retry: false });
  const d = q.data;
  const e = encodeURIComponent(engine);
  return (
    <DetailFrame back={`/e/${e}/images`} backLabel="Back to images" title={d?.repoTags[0] ?? id} error={q.error}>
      {d ? (
        <>
          <Facts
            rows={[
              ['ID', <span className="font-mono text-[12px]">{d.id}</span>],
              ['Tags', d.repoTags.join(', ')],
              ['Digests', <span className="font-mono text-[12px]">{d.repoDigests.join(', ')}</span>],
              ['Created', formatDate(d.created)],
              ['Size', formatBytes(d.size)],
              ['Platform', `${d.os}/${d.architecture}`],
              ['Command', <span className="font-mono text-[12px]">{d.cmd.join(' ')}</span>],
              ['Entrypoint', <span className="font-mono text-[12px]">{d.entrypoint.join(' ')}</span>],
              ['Working dir', d.workingDir],
              ['Exposed ports', d.exposedPorts.join(', ')],
            ]}
          />
          <Section title={`Used by ${d.usedBy.length} container${d.usedBy.length === 1 ? '' : 's'}`}>
            {d.usedBy.length ? (
              <ul className="flex flex-wrap gap-2">
                {d.usedBy.map((c) => (
                  <li key={c.id}>
                    <Link href={`/e/${e}/containers/${encodeURIComponent(c.name)}`} className="text-accent hover:underline">
                      {c.name}
                    </Link>{' '}
                    <span className="text-muted">({c.state})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-muted">No container uses this image.</p>
            )}
          </Section>
          <Section title="Environment">
            <KeyValues rows={d.env.map((line) => ({ key: line.split('=')[0] ?? line, value: line.slice(line.indexOf('=') + 1) }))} empty="No environment." />
          </Section>
          <Section title="Labels">
            <KeyValues rows={d.labels} empty="No labels." />
          </Section>
          <Section title={`Layers (${d.layers.length})`}>
            <ol className="list-decimal pl-6 font-mono text-[12px] text-muted">
              {d.layers.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ol>
          </Section>
          <Section title="History">
            <Table className="rounded-md border border-line">
              <thead>
                <tr>
                  <Th>Created by</Th>
                  <Th className="text-right">Size</Th>
                  <Th>Created</Th>
                </tr>
              </thead>
              <tbody>
                {d.history.map((h, i) => (
                  <Tr key={`${h.id}-${i}`}>
                    <Td className="max-w-xl truncate font-mono text-[12px]" title={h.createdBy}>
                      {h.createdBy || h.comment || shortId(h.id)}
                    </Td>
                    <Td className="text-right tabular">{formatBytes(h.size)}</Td>
                    <Td className="text-muted">{formatAgo(h.created)}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </Section>
          <RawJson text={d.raw} />
        </>
      ) : null}
    </DetailFrame>
  );
}
