'use client';
// The container page's data tabs: the inspect summary, environment, mounts, networks and labels.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ContainerDetail } from '@/server/docker/container-detail';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { InspectTab } from './inspect-tab';
import { useContainer } from './use-container';

export type DetailTab = 'inspect' | 'env' | 'mounts' | 'networks' | 'labels';

const mono = 'font-mono text-[12px]';

function KeyValues({ rows, keyLabel, empty }: { rows: { key: string; value: string }[]; keyLabel: string; empty: string }) {
  if (!rows.length) return <EmptyState title={empty} />;
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-[32%]">{keyLabel}</Th>
          <Th>Value</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <Tr key={`${r.key}\u0000${i}`}>
            <Td className={`${mono} py-1.5 align-top font-medium break-all`}>{r.key}</Td>
            <Td className={`${mono} py-1.5 align-top break-all whitespace-pre-wrap`}>{r.value || <span className="text-muted">(empty)</span>}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

function Mounts({ d, engine }: { d: ContainerDetail; engine: string }) {
  if (!d.mounts.length) return <EmptyState title="No mounts">This container keeps its files in its own writable layer.</EmptyState>;
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-20">Type</Th>
          <Th>Source</Th>
          <Th>Destination</Th>
          <Th className="w-28">Access</Th>
          <Th className="w-20">Mode</Th>
        </tr>
      </thead>
      <tbody>
        {d.mounts.map((m) => (
          <Tr key={m.destination}>
            <Td>
              <Badge tone={m.type === 'volume' ? 'info' : 'neutral'}>{m.type}</Badge>
            </Td>
            <Td className={`${mono} py-1 break-all`}>
              {m.type === 'volume' && m.name ? (
                <Link href={`/e/${encodeURIComponent(engine)}/volumes/${encodeURIComponent(m.name)}`} className="text-accent hover:underline">
                  {m.name}
                </Link>
              ) : (
                (m.name ?? m.source)
              )}
              {m.name && m.source ? <span className="block text-[11px] text-muted">{m.source}</span> : null}
            </Td>
            <Td className={`${mono} break-all`}>{m.destination}</Td>
            <Td>{m.rw ? 'read-write' : <Badge tone="warn">read-only</Badge>}</Td>
            <Td className={`${mono} text-muted`}>{m.mode || '—'}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

function Networks({ d }: { d: ContainerDetail }) {
  if (!d.networks.length) return <EmptyState title="No networks">This container is not attached to any network.</EmptyState>;
  const dash = (v: string): ReactNode => v || <span className="text-muted">—</span>;
  return (
    <Table>
      <thead>
        <tr>
          <Th>Network</Th>
          <Th>IP address</Th>
          <Th>Gateway</Th>
          <Th>MAC address</Th>
          <Th>Aliases</Th>
        </tr>
      </thead>
      <tbody>
        {d.networks.map((n) => (
          <Tr key={n.name}>
            <Td className="font-medium">{n.name}</Td>
            <Td className={mono}>{dash(n.ipAddress)}</Td>
            <Td className={mono}>{dash(n.gateway)}</Td>
            <Td className={mono}>{dash(n.macAddress)}</Td>
            <Td className={`${mono} break-all`}>{dash(n.aliases.join(', '))}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

export function ContainerTab({ engine, id, tab }: { engine: string; id: string; tab: DetailTab }) {
  const { data: d, isPending } = useContainer(engine, id);
  // Errors are shown once, by the shared header; a tab only waits or renders.
  if (!d) return isPending ? <p className="p-4 text-muted">Loading…</p> : null;
  switch (tab) {
    case 'inspect':
      return <InspectTab d={d} />;
    case 'env':
      return <KeyValues rows={d.env} keyLabel="Name" empty="No environment variables" />;
    case 'mounts':
      return <Mounts d={d} engine={engine} />;
    case 'networks':
      return <Networks d={d} />;
    case 'labels':
      return <KeyValues rows={d.labels} keyLabel="Label" empty="No labels" />;
  }
}
