'use client';
// The engine's events, newest first: filtered by container, image, action, type and time in the URL, health-check
// execs hidden until asked for, every attribute on expand; pause keeps the list still.
import { useSubscription } from '@trpc/tanstack-react-query';
import { ChevronDown, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import type { EngineEvent } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';
import { useQueryParams } from '@/lib/use-query-params';
import { cn, formatTime } from '@/lib/utils';
import { baseAction, type EventFilter, isExecNoise, matches } from './event-filter';

const KEEP = 5000;
const TYPES = ['', 'container', 'image', 'volume', 'network'];
const WINDOWS = [
  { minutes: '15', label: 'last 15 minutes' },
  { minutes: '60', label: 'last hour' },
  { minutes: '360', label: 'last 6 hours' },
  { minutes: '1440', label: 'last 24 hours' },
];
const selectClass = 'h-7 rounded-md border border-line bg-raised px-1 text-[12px]';
const inputClass = 'h-7 w-32 rounded-md border border-line bg-raised px-2 text-[12px] placeholder:text-muted';

function objectHref(engine: string, e: EngineEvent): string | null {
  const base = `/e/${encodeURIComponent(engine)}`;
  if (e.type === 'container' && e.action !== 'destroy') return `${base}/containers/${encodeURIComponent(e.name)}`;
  if (e.type === 'volume' && e.action !== 'destroy') return `${base}/volumes/${encodeURIComponent(e.actorId)}`;
  if (e.type === 'network' && e.action !== 'destroy') return `${base}/networks/${encodeURIComponent(e.actorId)}`;
  if (e.type === 'image' && e.action !== 'delete') return `${base}/images/${encodeURIComponent(e.actorId.replace('sha256:', '').slice(0, 12) || e.name)}`;
  return null;
}

/** A text filter typed into the URL after a short pause, so each keystroke does not replace history. */
function TextFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text), 250);
    return () => clearTimeout(t);
  }, [text, value, onChange]);
  return <input aria-label={label} placeholder={label} value={text} onChange={(e) => setText(e.target.value)} className={inputClass} />;
}

export function EventsPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const [params, setParams] = useQueryParams();
  const filter: EventFilter = {
    type: params.get('type') ?? '',
    container: params.get('container') ?? '',
    image: params.get('image') ?? '',
    action: params.get('action') ?? '',
    execs: params.get('execs') === '1',
  };
  const windowMinutes = WINDOWS.some((w) => w.minutes === params.get('window')) ? params.get('window')! : '60';
  const [events, setEvents] = useState<EngineEvent[]>([]);
  const [paused, setPaused] = useState(false);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const held = useRef<EngineEvent[]>([]);
  // The window is fixed when chosen; the stream then goes on live from there.
  const since = useMemo(() => String(Math.floor(Date.now() / 1000) - Number(windowMinutes) * 60), [windowMinutes]);
  useEffect(() => {
    setEvents([]);
    held.current = [];
  }, [since]);
  const sub = useSubscription(
    trpc.system.events.subscriptionOptions(
      { engine, since },
      {
        onData: (ev) => {
          const e = ev.data;
          if (paused) held.current.push(e);
          else setEvents((old) => [e, ...old].slice(0, KEEP));
        },
      },
    ),
  );
  const shown = events.filter((e) => matches(e, filter));
  const hiddenExecs = filter.execs ? 0 : events.filter((e) => isExecNoise(e) && matches(e, { ...filter, execs: true })).length;
  const actions = useMemo(() => [...new Set(events.map((e) => baseAction(e.action)))].sort(), [events]);
  const windowLabel = WINDOWS.find((w) => w.minutes === windowMinutes)!.label;
  const toggle = (id: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="flex h-full flex-col">
      <PageHeader
        title="Events"
        subtitle={<span className="tabular">{shown.length} shown · {windowLabel}</span>}
        actions={
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
        }
      />
      <div role="search" aria-label="Filter events" className="flex flex-wrap items-center gap-1.5 border-b border-line px-4 py-1.5">
        <TextFilter label="Container" value={filter.container} onChange={(v) => setParams({ container: v })} />
        <TextFilter label="Image" value={filter.image} onChange={(v) => setParams({ image: v })} />
        <select aria-label="Action" value={filter.action} onChange={(e) => setParams({ action: e.target.value })} className={selectClass}>
          <option value="">All actions</option>
          {[...new Set([...actions, ...(filter.action ? [filter.action] : [])])].map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <select aria-label="Event type" value={filter.type} onChange={(e) => setParams({ type: e.target.value })} className={selectClass}>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t || 'All types'}
            </option>
          ))}
        </select>
        <select aria-label="Time" value={windowMinutes} onChange={(e) => setParams({ window: e.target.value === '60' ? '' : e.target.value })} className={selectClass}>
          {WINDOWS.map((w) => (
            <option key={w.minutes} value={w.minutes}>
              {w.label}
            </option>
          ))}
        </select>
        <Button variant={filter.execs ? 'default' : 'ghost'} aria-pressed={filter.execs} onClick={() => setParams({ execs: filter.execs ? '' : '1' })}>
          {filter.execs ? 'Hide health-check execs' : `Show health-check execs${hiddenExecs ? ` (${hiddenExecs} hidden)` : ''}`}
        </Button>
      </div>
      {sub.error ? <ErrorBanner className="m-4" error={sub.error} /> : null}
      <div className="min-h-0 flex-1 overflow-auto">
        {shown.length === 0 ? (
          <EmptyState title={events.length ? 'No event matches the filters' : 'No events yet'}>
            {events.length ? 'Change or clear the filters above to see more.' : 'Events appear here as containers start and stop, and images, volumes and networks change.'}
          </EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>
                  <span className="sr-only">Details</span>
                </Th>
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
                const expanded = open.has(e.id);
                return (
                  <Fragment key={e.id}>
                    <Tr>
                      <Td className="w-8">
                        <Button size="icon" variant="ghost" aria-expanded={expanded} aria-label={`All attributes of ${e.action} ${e.name}`} onClick={() => toggle(e.id)}>
                          {expanded ? <ChevronDown /> : <ChevronRight />}
                        </Button>
                      </Td>
                      <Td className="whitespace-nowrap text-muted tabular">{formatTime(e.time)}</Td>
                      <Td>
                        <Badge tone={e.type === 'container' ? 'info' : 'neutral'}>{e.type}</Badge>
                      </Td>
                      <Td className={cn('max-w-64 truncate', e.action === 'die' || e.action === 'kill' || e.action === 'destroy' ? 'text-bad' : e.action === 'start' ? 'text-ok' : undefined)} title={e.action}>
                        {e.action}
                      </Td>
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
                    {expanded ? (
                      <tr className="border-b border-line bg-panel">
                        <td />
                        <td colSpan={5} className="px-3 py-2">
                          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 font-mono text-[11px]">
                            {[['id', e.actorId] as const, ['time', new Date(e.time).toISOString()] as const, ...Object.entries(e.attributes)].map(([k, v]) => (
                              <Fragment key={k}>
                                <dt className="text-muted">{k}</dt>
                                <dd className="break-all whitespace-pre-wrap">{v}</dd>
                              </Fragment>
                            ))}
                          </dl>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </Table>
        )}
      </div>
    </div>
  );
}
