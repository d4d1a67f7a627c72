'use client';
// Follows a container's log over the tab's WebSocket, keeping at most `cap` lines and flushing once per frame.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorView, useTRPCClient } from '@/lib/trpc';

export interface LogLine {
  id: string;
  stream: 'stdout' | 'stderr';
  ts: string;
  text: string;
  truncated?: boolean;
  /** Which container, in the merged view. */
  source?: string;
}

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

export interface LogSource {
  engine: string;
  id: string;
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
  const merged = sources.length > 1;

  const flush = useCallback(() => {
    frame.current = null;
    if (!pending.current.length) return;
    let next = lines.current.concat(pending.current);
    pending.current = [];
    // Several containers interleave by timestamp; one container's lines already arrive in order.
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
    const subs = sources.map((s) =>
      client.containers.logs.subscribe(
        { engine: s.engine, id: s.id, follow: true, ...(opts.since ? { since: opts.since } : { tail: opts.tail }) },
        {
          onStarted: () => setStatus('live'),
          onData: (event) => {
            const data = (event as unknown as { data: LogLine[] }).data;
            push(merged ? data.map((l) => ({ ...l, source: s.id })) : data);
            setStatus('live');
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
      ),
    );
    return () => {
      for (const sub of subs) sub.unsubscribe();
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
    const oldestTs = oldest.ts;
    setLoadingOlder(true);
    const got: LogLine[] = [];
    let open = sources.length;
    for (const s of sources) {
      const sub = client.containers.logs.subscribe(
        { engine: s.engine, id: s.id, follow: false, tail: 1000, until: oldestTs },
        {
          onData: (event) => {
            const data = (event as unknown as { data: LogLine[] }).data;
            got.push(...(merged ? data.map((l) => ({ ...l, source: s.id })) : data));
          },
          onError: () => finish(),
          onComplete: () => finish(),
        },
      );
      function finish() {
        sub.unsubscribe();
        if (--open > 0) return;
        const known = new Set(lines.current.map((l) => `${l.source ?? ''}${l.id}`));
        const older = got.filter((l) => !known.has(`${l.source ?? ''}${l.id}`) && l.ts <= oldestTs);
        older.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
        lines.current = older.concat(lines.current);
        setDropped((d) => Math.max(0, d - older.length));
        setLoadingOlder(false);
        setVersion((v) => v + 1);
      }
    }
  }, [client, sources, merged, loadingOlder]);

  return { lines: lines.current, version, status, error, dropped, loadOlder, loadingOlder };
}
