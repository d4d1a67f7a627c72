'use client';
// One image: summary, the containers using it, environment and labels, its layers and history, raw JSON.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DetailFrame, Facts, KeyValues, Labels, Mono, RawJson, Section, dateFact, listFact, useDetailPolling } from '@/components/engine/detail-parts';
import { Badge } from '@/components/ui/badge';
import { TableBox, Td, Th, Tr } from '@/components/ui/data-table';
import { StateBadge } from '@/components/ui/state-badge';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { useTRPC } from '@/lib/trpc';
import { formatBytes, shortId } from '@/lib/utils';
import type { RouterOutputs } from '@/lib/router-types';
import { History, Layers } from './image-history';
import { plural } from './image-lines';
import { PushButton } from './push-dialog';
import { RunImageButton } from './run-launchers';

type Image = RouterOutputs['images']['inspect'];

const lines = (items: string[]) => listFact(items, (t) => <Mono key={t}>{t}</Mono>);

// Exec form exactly as the image stores it: ["sh", "-c", "a b"] is not the same as "sh -c a b".
const json = (a: string[]) => (a.length ? <Mono>{JSON.stringify(a)}</Mono> : '');

function Summary({ d }: { d: Image }) {
  return (
    <Facts
      rows={[
        ['ID', <Mono>{d.id}</Mono>],
        ['Tags', lines(d.repoTags)],
        ['Digests', lines(d.repoDigests)],
        ['Created', dateFact(d.created)],
        ['Size', formatBytes(d.size)],
        ['OS/arch', [d.os, d.architecture].filter(Boolean).join('/')],
        ['Author', d.author],
        ['Cmd', json(d.cmd)],
        ['Entrypoint', json(d.entrypoint)],
        ['Working dir', d.workingDir ? <Mono>{d.workingDir}</Mono> : ''],
        [
          'Exposed ports',
          listFact(
            d.exposedPorts,
            (p) => (
              <Badge key={p} className="font-mono">
                {p}
              </Badge>
            ),
            'flex flex-wrap gap-1',
          ),
        ],
      ]}
    />
  );
}

function UsedBy({ engine, users }: { engine: string; users: Image['usedBy'] }) {
  return (
    <TableBox
      rows={users.length}
      empty="No container uses this image."
      head={
        <>
          <Th>Name</Th>
          <Th className="w-32">ID</Th>
          <Th className="w-28">State</Th>
        </>
      }
    >
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
    </TableBox>
  );
}

function envRows(env: string[]) {
  return env.map((line) => {
    const i = line.indexOf('=');
    return i < 0 ? { key: line, value: '' } : { key: line.slice(0, i), value: line.slice(i + 1) };
  });
}

export function ImageDetail({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.images.inspect.queryOptions({ engine, id }), ...useDetailPolling() });
  const canChange = useCanChangeHydrated();
  return (
    <DetailFrame
      back={`/e/${encodeURIComponent(engine)}/images`}
      backLabel="Back to images"
      kind="Image"
      title={q.data ? (q.data.repoTags[0] ?? shortId(q.data.id)) : id}
      query={q}
      badges={(d) => (
        <>
          {d.repoTags.length ? null : <Badge>dangling</Badge>}
          <Badge tone={d.usedBy.length ? 'info' : 'neutral'}>{d.usedBy.length ? `used by ${plural(d.usedBy.length, 'container')}` : 'unused'}</Badge>
          {canChange ? (
            <div className="ml-auto flex gap-2">
              <PushButton engine={engine} tags={d.repoTags} />
              <RunImageButton withText engine={engine} image={d.repoTags[0] ?? d.id} label={d.repoTags[0] ?? shortId(d.id)} />
            </div>
          ) : null}
        </>
      )}
    >
      {(d) => {
        const env = envRows(d.env);
        return (
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
                <Labels rows={d.labels} />
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
        );
      }}
    </DetailFrame>
  );
}
