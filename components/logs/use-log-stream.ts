'use client';
// Follows a container's log (or a swarm service's, merged from its tasks) over the tab's WebSocket, keeping at most
// `cap` lines and flushing once per frame.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPCClient } from '@/lib/trpc';
import { errorView } from '@/lib/errors';
import { type LogEventColumns, type LogLine, linesOf } from './log-batch';

export type { LogLine };


export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

export interface LogSource {
  engine: string;
  id: string;
  /** A swarm service: the manager merges its tasks' logs, and each line names its task and node. */
  kind?: 'service';
}

/** Lines asked for first, so the end of a long log is on screen at once; the rest of the tail follows behind it. */
const FIRST_PAINT_LINES = 1000;
/** Lines the live stream may have added meanwhile; the engine counts its tail from the end of the file. */
const TAIL_MARGIN = 500;

type Client = ReturnType<typeof useTRPCClient>;
type LogInput = { tail?: number; since?: string; until?: string; follow?: boolean };
interface LogHandlers {
  onStarted?: () => void;
  onData: (event: { id: string; data: LogEventColumns }) => void;
  onConnectionStateChange?: (state: { state: string; error: unknown }) => void;
  onError: (err: unknown) => void;
  onComplete: () => void;
}

/** One log subscription: a container's (containers.logs) or a service's (swarm.serviceLogs), both in the same shape. */
function subscribeLog(client: Client, s: LogSource, input: LogInput, handlers: LogHandlers): { unsubscribe: () => void } {
  const target = { engine: s.engine, id: s.id, ...input };
  return s.kind === 'service' ? client.swarm.serviceLogs.subscribe(target, handlers) : client.containers.logs.subscribe(target, handlers);
}

let subscriptions = 0;
/** A name for one subscription, so line ids from different subscriptions never meet. */
function nextStream(): string {
  return (++subscriptions).toString(36);
}

/**
 * Up to `count` lines of one container from before `beforeTs`. The engine applies `tail` before `until`,
 * so it is asked for the lines the caller already holds after `beforeTs` plus `count`, then trimmed.
 */
function fetchOlder(client: Client, s: LogSource, beforeTs: string, count: number, held: number, source: string | undefined, onDone: (lines: LogLine[]) => void): () => void {
  const got: LogLine[] = [];
  const stream = nextStream();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    sub.unsubscribe();
    const older = got.filter((l) => l.ts < beforeTs);
    onDone(older.slice(Math.max(0, older.length - count)));
  };
  const sub = subscribeLog(
    client,
    s,
    { follow: false, tail: Math.min(10_000_000, held + count + TAIL_MARGIN), until: beforeTs },
    {
      onData: (event) => {
        const { id, data } = event;
        for (const l of linesOf(stream, id, data, source)) got.push(l);
      },
      onError: finish,
      onComplete: finish,
    },
  );
  return () => {
    done = true;
    sub.unsubscribe();
  };
}

/** Lines shown before a line jumped to, and how far back in time they are looked for. */
const CONTEXT_LINES = 100;
const CONTEXT_WINDOW_S = 60;

/**
 * The lines just before `ts`, for a jump into the middle of a log: the engine counts `tail` from the end of the whole
 * log, so they are read by time (a minute back) and the last ones kept.
 */
function fetchBefore(client: Client, s: LogSource, ts: string, source: string | undefined, onDone: (lines: LogLine[]) => void): () => void {
  const got: LogLine[] = [];
  const stream = nextStream();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    sub.unsubscribe();
    const older = got.filter((l) => l.ts < ts);
    onDone(older.slice(Math.max(0, older.length - CONTEXT_LINES)));
  };
  const since = String(Math.max(0, Math.floor(Date.parse(ts) / 1000) - CONTEXT_WINDOW_S));
  const sub = subscribeLog(
    client,
    s,
    { follow: false, since, until: ts },
    {
      onData: (event) => {
        for (const l of linesOf(stream, event.id, event.data, source)) got.push(l);
      },
      onError: finish,
      onComplete: finish,
    },
  );
  return () => {
    done = true;
    sub.unsubscribe();
  };
}

export function useLogStream(sources: LogSource[], opts: { tail: number; cap: number; since?: string }) {
  const client = useTRPCClient();
  const lines = useRef<LogLine[]>([]);
  const pending = useRef<LogLine[]>([]);
  const frame = useRef<number | null>(null);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [dropped, setDropped] = useState(0);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const key = sources.map((s) => `${s.engine}/${s.id}`).join(',');
  // Several sources interleave by timestamp, and so do a service's tasks; one container's lines arrive in order.
  const merged = sources.length > 1 || sources.some((s) => s.kind === 'service');
  /** Lines are tagged with their container only when several are shown; a service's lines carry their own tag. */
  const multi = sources.length > 1;

  const flush = useCallback(() => {
    frame.current = null;
    if (!pending.current.length) return;
    let next = lines.current.concat(pending.current);
    pending.current = [];
    if (merged) next.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
    if (next.length > opts.cap) {
      const over = next.length - opts.cap;
      setDropped((d) => d + over);
      next = next.slice(over);
    }
    lines.current = next;
    setVersion((v) => v + 1);
  }, [opts.cap, merged]);

  const push = useCallback(
    (batch: LogLine[]) => {
      for (const l of batch) pending.current.push(l);
      frame.current ??= requestAnimationFrame(flush);
    },
    [flush],
  );

  useEffect(() => {
    lines.current = [];
    pending.current = [];
    setDropped(0);
    setStatus('connecting');
    setError(null);
    setVersion((v) => v + 1);
    let ended = 0;
    const backfills: Array<() => void> = [];
    const prepend = (older: LogLine[]) => {
      let next = older.concat(lines.current, pending.current);
      if (merged) next.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
      if (next.length > opts.cap) next = next.slice(next.length - opts.cap);
      pending.current = [];
      lines.current = next;
      setVersion((v) => v + 1);
    };
    const firstTail = Math.min(opts.tail, FIRST_PAINT_LINES);
    const subs = sources.map((s) => {
      let first = true;
      const stream = nextStream();
      const source = multi ? s.id : undefined;
      return subscribeLog(
        client,
        s,
        { follow: true, ...(opts.since ? { since: opts.since } : { tail: firstTail }) },
        {
          onStarted: () => setStatus('live'),
          onData: (event) => {
            const { id, data: columns } = event;
            const data = linesOf(stream, id, columns, source);
            push(data);
            setStatus('live');
            if (!data[0]) return;
            if (first && opts.since) {
              // A jump to a line: its surroundings before it too, put in front.
              backfills.push(fetchBefore(client, s, opts.since, source, (older) => older.length && prepend(older)));
            } else if (first && opts.tail > firstTail) {
              // The end is on screen; now the earlier part of the requested tail, put in front of it.
              const oldest = data[0].ts;
              backfills.push(
                fetchOlder(client, s, oldest, opts.tail - firstTail, firstTail, source, (older) => {
                  if (!older.length) return;
                  const rest = lines.current.concat(pending.current);
                  let next = older.concat(rest);
                  if (merged) next.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
                  if (next.length > opts.cap) next = next.slice(next.length - opts.cap);
                  pending.current = [];
                  lines.current = next;
                  setVersion((v) => v + 1);
                }),
              );
            }
            first = false;
          },
          onConnectionStateChange: (state) => {
            if (state.state === 'connecting' && state.error) setStatus('reconnecting');
          },
          onError: (err) => {
            setError(errorView(err).message);
            setStatus('error');
          },
          onComplete: () => {
            ended++;
            if (ended === sources.length) setStatus('ended');
          },
        },
      );
    });
    return () => {
      for (const sub of subs) sub.unsubscribe();
      for (const stop of backfills) stop();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
    // `key` stands for `sources`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, opts.tail, opts.since, push, merged]);

  /** Fetches the 1,000 lines before the oldest one shown and puts them in front. */
  const loadOlder = useCallback(() => {
    const oldest = lines.current[0];
    if (!oldest || loadingOlder) return;
    setLoadingOlder(true);
    const got: LogLine[] = [];
    let open = sources.length;
    for (const s of sources) {
      const held = multi ? lines.current.filter((l) => l.source === s.id).length : lines.current.length;
      fetchOlder(client, s, oldest.ts, 1000, held, multi ? s.id : undefined, (older) => {
        got.push(...older);
        if (--open > 0) return;
        got.sort((x, y) => (x.ts < y.ts ? -1 : x.ts > y.ts ? 1 : 0));
        lines.current = got.concat(lines.current);
        setDropped((d) => Math.max(0, d - got.length));
        setLoadingOlder(false);
        setVersion((v) => v + 1);
      });
    }
  }, [client, sources, multi, loadingOlder]);

  return { lines: lines.current, version, status, error, dropped, loadOlder, loadingOlder };
}
