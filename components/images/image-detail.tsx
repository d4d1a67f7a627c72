'use client';
// One image: summary, the containers using it, environment and labels, its layers and history, raw JSON.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DetailFrame, Facts, KeyValues, Mono, RawJson, Section } from '@/components/engine/detail-parts';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { StateBadge } from '@/components/ui/state-badge';
import { useTRPC } from '@/lib/trpc';
import { formatAgo, formatBytes, formatDate, shortId } from '@/lib/utils';
import type { RouterOutputs } from '@/lib/router-types';
import { History, Layers } from './image-history';
import { plural } from './image-lines';

type Image = RouterOutputs['images']['inspect'];

const lines = (items: string[]) =>
  items.length ? (
    <span className="flex flex-col">
      {items.map((t) => (
        <Mono key={t}>{t}</Mono>
      ))}
    </span>
  ) : (
    ''
  );

// Exec form exactly as the image stores it: ["sh", "-c", "a b"] is not the same as "sh -c a b".
const json = (a: string[]) => (a.length ? <Mono>{JSON.stringify(a)}</Mono> : '');

function Summary({ d }: { d: Image }) {
  return (
    <Facts
      rows={[
        ['ID', <Mono>{d.id}</Mono>],
        ['Tags', lines(d.repoTags)],
        ['Digests', lines(d.repoDigests)],
        ['Created', d.created ? <>{formatDate(d.created)} <span className="text-muted">({formatAgo(d.created)})</span></> : ''],
        ['Size', formatBytes(d.size)],
        ['OS/arch', [d.os, d.architecture].filter(Boolean).join('/')],
        ['Author', d.author],
        ['Cmd', json(d.cmd)],
        ['Entrypoint', json(d.entrypoint)],
        ['Working dir', d.workingDir ? <Mono>{d.workingDir}</Mono> : ''],
        [
          'Exposed ports',
          d.exposedPorts.length ? (
            <span className="flex flex-wrap gap-1">
              {d.exposedPorts.map((p) => (
                <Badge key={p} className="font-mono">
                  {p}
                </Badge>
              ))}
            </span>
          ) : (
            ''
          ),
        ],
      ]}
    />
  );
}

function UsedBy({ engine, users }: { engine: string; users: Image['usedBy'] }) {
  if (!users.length) return <p className="text-muted">No container uses this image.</p>;
  return (
    <div className="overflow-hidden rounded-md border border-line">
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th className="w-32">ID</Th>
            <Th className="w-28">State</Th>
          </tr>
        </thead>
        <tbody>
          {users.map((c) => (
            <Tr key={c.id}>
              <Td>
                <Link href={`/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(c.name)}`} className="text-accent hover:underline">
                  {c.name}
                </Link>
              </Td>
              <Td className="font-mono text-[12px] text-muted">{shortId(c.id)}</Td>
              <Td>
                <StateBadge state={c.state} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

export function ImageDetail({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const fallback = useFallbackInterval();
  const q = useQuery({ ...trpc.images.inspect.queryOptions({ engine, id }), retry: false, refetchInterval: fallback });
  const error = useSettledError(q);
  const d = q.data;
  const env = (d?.env ?? []).map((line) => {
    const i = line.indexOf('=');
    return i < 0 ? { key: line, value: '' } : { key: line.slice(0, i), value: line.slice(i + 1) };
  });
  return (
    <DetailFrame
      back={`/e/${encodeURIComponent(engine)}/images`}
      backLabel="Back to images"
      kind="Image"
      title={d ? (d.repoTags[0] ?? shortId(d.id)) : id}
      badges={
        d ? (
          <>
            {d.repoTags.length ? null : <Badge>dangling</Badge>}
            <Badge tone={d.usedBy.length ? 'info' : 'neutral'}>{d.usedBy.length ? `used by ${plural(d.usedBy.length, 'container')}` : 'unused'}</Badge>
          </>
        ) : null
      }
      error={error}
      pending={q.isPending}
    >
      {d ? (
        <div className="max-w-[1400px]">
          <div className="grid gap-x-8 xl:grid-cols-2">
            <Summary d={d} />
            <div>
              <Section title="Containers using it" count={d.usedBy.length} className="xl:mt-0">
                <UsedBy engine={engine} users={d.usedBy} />
              </Section>
              <Section title="Environment" count={env.length}>
                <KeyValues rows={env} empty="No environment variables." />
              </Section>
              <Section title="Labels" count={d.labels.length}>
                <KeyValues rows={d.labels} empty="No labels." />
              </Section>
            </div>
          </div>
          <Section title="Layers" count={d.layers.length}>
            <Layers layers={d.layers} />
          </Section>
          <Section title="History" count={d.history.length}>
            <History rows={d.history} />
          </Section>
          <RawJson text={d.raw} />
        </div>
      ) : null}
    </DetailFrame>
  );
}
