'use client';
// Searches the whole log of each source on the server (containers.searchLogs), gathering matches as they stream in; cancellable.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorView } from '@/lib/errors';
import { useTRPCClient } from '@/lib/trpc';
import type { LogSource } from './use-log-stream';

export interface SearchMatch {
  key: string;
  ts: string;
  text: string;
  stream: 'stdout' | 'stderr';
  source?: string;
}

export type SearchStatus = 'idle' | 'searching' | 'done' | 'cancelled' | 'error';

export interface SearchState {
  status: SearchStatus;
  matches: SearchMatch[];
  scanned: number;
  limited: boolean;
  error: string | null;
}

/** Matches kept per search: enough to browse, few enough for the page. */
export const SEARCH_LIMIT = 1000;
const DEBOUNCE_MS = 300;
const IDLE: SearchState = { status: 'idle', matches: [], scanned: 0, limited: false, error: null };

export function useLogSearch(sources: LogSource[], opts: { query: string; regex: boolean; stdout: boolean; stderr: boolean }) {
  const client = useTRPCClient();
  const [state, setState] = useState<SearchState>(IDLE);
  const stop = useRef<() => void>(() => {});
  const key = sources.map((s) => `${s.engine}/${s.id}`).join(',');

  useEffect(() => {
    if (!opts.query || (!opts.stdout && !opts.stderr)) {
      setState(IDLE);
      return;
    }
    let subs: { unsubscribe: () => void }[] = [];
    let open = sources.length;
    const scanned = new Map<string, number>();
    const merged = sources.length > 1;
    const timer = setTimeout(() => {
      setState({ ...IDLE, status: 'searching' });
      subs = sources.map((s) =>
        client.containers.searchLogs.subscribe(
          { engine: s.engine, id: s.id, query: opts.query, regex: opts.regex, stdout: opts.stdout, stderr: opts.stderr, limit: SEARCH_LIMIT },
          {
            onData: (step) => {
              scanned.set(s.id, step.scanned);
              const found: SearchMatch[] = step.text.map((text, i) => ({
                key: `${s.id}:${step.ts[i]}:${i}:${step.scanned}`,
                ts: step.ts[i] ?? '',
                text,
                stream: step.stderr.includes(i) ? 'stderr' : 'stdout',
                ...(merged ? { source: s.id } : {}),
              }));
              setState((o) => {
                let matches = found.length ? o.matches.concat(found) : o.matches;
                if (merged && found.length) matches = matches.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
                const total = [...scanned.values()].reduce((a, b) => a + b, 0);
                return { ...o, matches, scanned: total, limited: o.limited || step.limited };
              });
            },
            onError: (err) => setState((o) => ({ ...o, status: 'error', error: errorView(err).message })),
            onComplete: () => {
              if (--open === 0) setState((o) => (o.status === 'searching' ? { ...o, status: 'done' } : o));
            },
          },
        ),
      );
    }, DEBOUNCE_MS);
    const end = () => {
      clearTimeout(timer);
      for (const sub of subs) sub.unsubscribe();
    };
    stop.current = end;
    return end;
    // `key` stands for `sources`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, opts.query, opts.regex, opts.stdout, opts.stderr]);

  const cancel = useCallback(() => {
    stop.current();
    setState((o) => (o.status === 'searching' ? { ...o, status: 'cancelled' } : o));
  }, []);

  return { ...state, cancel };
}
