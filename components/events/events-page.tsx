'use client';
// The engine's live events, newest first, filterable by type in the URL; pause keeps the list still.
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import type { EngineEvent } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';
import { useQueryParam } from '@/lib/use-query-params';
import { cn } from '@/lib/utils';

const KEEP = 5000;
const TYPES = ['', 'container', 'image', 'volume', 'network'];

function objectHref(engine: string, e: EngineEvent): string | null {
  const base = `/e/${encodeURIComponent(engine)}`;
  if (e.type === 'container' && e.action !== 'destroy') return `${base}/containers/${encodeURIComponent(e.name)}`;
  if (e.type === 'volume' && e.action !== 'destroy') return `${base}/volumes/${encodeURIComponent(e.actorId)}`;
  if (e.type === 'network' && e.action !== 'destroy') return `${base}/networks/${encodeURIComponent(e.actorId)}`;
  if (e.type === 'image' && e.action !== 'delete') return `${base}/images/${encodeURIComponent(e.actorId.replace('sha256:', '').slice(0, 12) || e.name)}`;
  return null;
}

export function EventsPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const [type, setType] = useQueryParam('type');
  const [events, setEvents] = useState<EngineEvent[]>([]);
  const [paused, setPaused] = useState(false);
  const held = useRef<EngineEvent[]>([]);
  const since = useRef(String(Math.floor(Date.now() / 1000) - 3600));
  const sub = useSubscription(
    trpc.system.events.subscriptionOptions(
      { engine, since: since.current },
      {
        onData: (ev) => {
          const e = ev.data;
          if (paused) held.current.push(e);
          else setEvents((old) => [e, ...old].slice(0, KEEP));
        },
      },
    ),
  );
  const shown = type ? events.filter((e) => e.type === type) : events;
  return (
    <div className="flex h-full flex-col">
      <PageHeader
        title="Events"
        subtitle={<span className="tabular">{shown.length} shown · since an hour ago</span>}
        actions={
          <>
            <select aria-label="Event type" value={type} onChange={(e) => setType(e.target.value)} className="h-7 rounded-md border border-line bg-raised px-1 text-[12px]">
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {t || 'All types'}
                </option>
              ))}
            </select>
            <Button
              onClick={() => {
                if (paused) {
                  setEvents((old) => [...held.current.reverse(), ...old].slice(0, KEEP));
                  held.current = [];
                }
                setPaused(!paused);
              }}
            >
              {paused ? 'Resume' : 'Pause'}
            </Button>
          </>
        }
      />
      {sub.error ? <ErrorBanner className="m-4" error={sub.error} /> : null}
      <div className="min-h-0 flex-1 overflow-auto">
        {shown.length === 0 ? (
          <EmptyState title="No events yet">Events appear here as containers start and stop, and images, volumes and networks change.</EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Type</Th>
                <Th>Action</Th>
                <Th>Object</Th>
                <Th>Attributes</Th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => {
                const href = objectHref(engine, e);
                const attrs = Object.entries(e.attributes).filter(([k]) => k !== 'name');
                return (
                  <Tr key={e.id}>
                    <Td className="whitespace-nowrap text-muted tabular">{new Date(e.time).toLocaleTimeString()}</Td>
                    <Td>
                      <Badge tone={e.type === 'container' ? 'info' : 'neutral'}>{e.type}</Badge>
                    </Td>
                    <Td className={cn(e.action === 'die' || e.action === 'kill' || e.action === 'destroy' ? 'text-bad' : e.action === 'start' ? 'text-ok' : undefined)}>{e.action}</Td>
                    <Td className="max-w-64 truncate">
                      {href ? (
                        <Link href={href} className="hover:text-accent hover:underline">
                          {e.name}
                        </Link>
                      ) : (
                        e.name
                      )}
                    </Td>
                    <Td className="max-w-xl truncate font-mono text-[11px] text-muted" title={attrs.map(([k, v]) => `${k}=${v}`).join('\n')}>
                      {attrs.map(([k, v]) => `${k}=${v}`).join('  ')}
                    </Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </div>
    </div>
  );
}
