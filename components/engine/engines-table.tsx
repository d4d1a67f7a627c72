'use client';
// Every engine Berth can reach, with its health; an unreachable one shows why, in red.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { cn, formatBytes } from '@/lib/utils';
import type { RouterOutputs } from '@/lib/router-types';

type EngineSummary = RouterOutputs['engines']['list'][number];

const HEAD = ['Engine', 'Host', 'Kind', 'Version', 'API', 'OS/arch', 'CPUs', 'Memory'];
const RIGHT = new Set(['CPUs', 'Memory']);

export function EnginesTable({ engines, selected, pending }: { engines: EngineSummary[] | undefined; selected: string; pending: boolean }) {
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <Table>
        <thead>
          <tr>
            {HEAD.map((h) => (
              <Th key={h} className={cn(RIGHT.has(h) && 'text-right')}>
                {h}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pending && !engines
            ? Array.from({ length: 2 }, (_, i) => (
                <tr key={i} aria-hidden>
                  {HEAD.map((h) => (
                    <td key={h} className="h-9 border-b border-line px-3">
                      <div className="h-3 w-3/4 animate-pulse rounded bg-line" />
                    </td>
                  ))}
                </tr>
              ))
            : (engines ?? []).map((e) => <EngineRow key={e.name} e={e} selected={e.name === selected} />)}
          {engines && engines.length === 0 ? (
            <tr>
              <Td colSpan={HEAD.length} className="text-muted">
                No engine found: start Docker, set DOCKER_HOST, or add a docker context.
              </Td>
            </tr>
          ) : null}
        </tbody>
      </Table>
    </div>
  );
}

function EngineRow({ e, selected }: { e: EngineSummary; selected: boolean }) {
  const h = e.health;
  return (
    <Tr aria-selected={selected} data-engine={e.name}>
      <Td className="whitespace-nowrap">
        <span
          role="img"
          aria-label={h.reachable ? 'reachable' : 'unreachable'}
          title={h.reachable ? 'Reachable' : 'Unreachable'}
          className={cn('mr-2 inline-block size-2 rounded-full align-middle', h.reachable ? 'bg-ok' : 'bg-bad')}
        />
        <Link href={`/e/${encodeURIComponent(e.name)}/containers`} className="font-medium hover:text-accent hover:underline">
          {e.name}
        </Link>
        {e.current ? (
          <Badge className="ml-2" title="The docker CLI's current context">
            current
          </Badge>
        ) : null}
      </Td>
      <Td className="max-w-64 truncate font-mono text-[12px]" title={e.description ? `${e.host} (${e.description})` : e.host}>
        {e.host}
      </Td>
      <Td className="text-muted">{e.kind}</Td>
      {h.reachable ? (
        <>
          <Td className="tabular">{h.version}</Td>
          <Td className="tabular">{h.apiVersion}</Td>
          <Td>{[h.os, h.arch].filter(Boolean).join('/')}</Td>
          <Td className="text-right tabular">{h.cpus}</Td>
          <Td className="text-right tabular">{formatBytes(h.memory)}</Td>
        </>
      ) : (
        <Td colSpan={5} className="h-auto py-1.5 text-bad">
          {h.error?.message ?? 'Unreachable.'}
        </Td>
      )}
    </Tr>
  );
}
