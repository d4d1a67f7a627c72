'use client';
// The live log viewer: a virtualised list that follows new lines, with search, toggles, permalinks and download.
import { ArrowDown } from 'lucide-react';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useToast } from '@/components/ui/toast';
import { stripAnsi } from './ansi';
import { DownloadDialog } from './download-dialog';
import { SearchResults } from './search-results';
import { useLogSearch } from './use-log-search';
import { LogLineView } from './log-line';
import { LogToolbar, type ViewOptions } from './log-toolbar';
import { type LogLine, type LogSource, useLogStream } from './use-log-stream';

const ROW = 18;
const OVERSCAN = 30;
/** Wrapped lines have no fixed height, so that mode shows the newest lines without virtualisation. */
const WRAP_WINDOW = 2000;
const SOURCE_COLORS = ['#60a5fa', '#f472b6', '#34d399', '#fbbf24', '#a78bfa', '#f87171', '#22d3ee', '#fb923c'];

function compile(query: string, regex: boolean): { re: RegExp | null; error: string | null } {
  if (!query) return { re: null, error: null };
  try {
    return { re: new RegExp(regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), error: null };
  } catch (e) {
    return { re: null, error: `Not a valid regular expression: ${(e as Error).message}` };
  }
}

/** A colour for a source the viewer was not given (a service's task): the same one for the same name. */
function colorOf(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return SOURCE_COLORS[Math.abs(h) % SOURCE_COLORS.length]!;
}

export function LogViewer({ sources }: { sources: LogSource[] }) {
  // Searching the whole log and downloading it are containers' (the engine keeps a service's log on each node).
  const wholeLog = sources.every((s) => s.kind !== 'service');
  const params = useSearchParams();
  const pathname = usePathname();
  const toast = useToast();
  const at = params.get('at') ?? undefined;
  const initialTail = Math.min(1_000_000, Math.max(0, Number(params.get('tail')) || 1000));
  const [view, setViewState] = useState<ViewOptions>({
    timestamps: params.get('ts') === '1',
    stdout: params.get('stdout') !== '0',
    stderr: params.get('stderr') !== '0',
    wrap: false,
    pretty: false,
    tail: initialTail,
    cap: Math.max(100_000, initialTail),
  });
  const setView = useCallback((v: Partial<ViewOptions>) => setViewState((o) => ({ ...o, ...v })), []);
  const stream = useLogStream(sources, { tail: view.tail, cap: view.cap, since: at });
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [regex, setRegex] = useState(params.get('re') === '1');
  const [downloading, setDownloading] = useState(false);
  const [current, setCurrent] = useState(-1);
  const [follow, setFollow] = useState(!at);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const scroller = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  /** Where the target line last was, and until when it is kept in view while its surroundings arrive. */
  const targetIndex = useRef(-1);
  const holdTargetUntil = useRef(0);

  const { re, error: searchError } = useMemo(() => compile(query, regex), [query, regex]);
  const whole = useLogSearch(sources, { query: searchError || !wholeLog ? '' : query, regex, stdout: view.stdout, stderr: view.stderr });

  // Search, its options and the line jumped to live in the URL, so a search can be shared and survives a reload.
  useEffect(() => {
    const qs = new URLSearchParams(window.location.search);
    const put = (k: string, v: string | null) => (v === null ? qs.delete(k) : qs.set(k, v));
    put('q', query || null);
    put('re', regex ? '1' : null);
    put('stdout', view.stdout ? null : '0');
    put('stderr', view.stderr ? null : '0');
    put('ts', view.timestamps ? '1' : null);
    const next = qs.toString();
    if (next !== window.location.search.slice(1)) window.history.replaceState(null, '', `${window.location.pathname}${next ? `?${next}` : ''}`);
  }, [query, regex, view.stdout, view.stderr, view.timestamps]);

  const jump = useCallback((ts: string) => {
    const qs = new URLSearchParams(window.location.search);
    qs.set('at', ts);
    setFollow(false);
    window.history.pushState(null, '', `${window.location.pathname}?${qs.toString()}`);
  }, []);
  const shown = useMemo(
    () => stream.lines.filter((l) => (l.stream === 'stderr' ? view.stderr : view.stdout)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stream.version, view.stdout, view.stderr],
  );
  const matches = useMemo(() => {
    if (!re) return [];
    const out: number[] = [];
    shown.forEach((l, i) => {
      re.lastIndex = 0;
      if (re.test(stripAnsi(l.text))) out.push(i);
    });
    return out;
  }, [shown, re]);
  const windowed = view.wrap || view.pretty;
  const offset = windowed ? Math.max(0, shown.length - WRAP_WINDOW) : 0;

  const scrollToIndex = useCallback(
    (i: number) => {
      const el = scroller.current;
      if (!el) return;
      setFollow(false);
      if (windowed) el.querySelector(`[data-log-line="${CSS.escape(shown[i]?.id ?? '')}"]`)?.scrollIntoView({ block: 'center' });
      else el.scrollTop = Math.max(0, i * ROW - el.clientHeight / 2);
    },
    [windowed, shown],
  );

  const go = useCallback(
    (dir: 1 | -1) => {
      if (!matches.length) return;
      const pos = matches.indexOf(current);
      const next = pos < 0 ? (dir === 1 ? 0 : matches.length - 1) : (pos + dir + matches.length) % matches.length;
      setCurrent(matches[next]!);
      scrollToIndex(matches[next]!);
    },
    [matches, current, scrollToIndex],
  );

  // Follow: stay at the bottom as lines arrive.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [stream.version, follow, shown.length]);

  // A permalink (?at=…) or a search match scrolls to its line once it has arrived, and keeps it in view while the
  // lines before it arrive too.
  useEffect(() => {
    targetIndex.current = -1;
    holdTargetUntil.current = Date.now() + 5000;
    if (at) setFollow(false);
  }, [at]);
  useEffect(() => {
    if (!at || Date.now() > holdTargetUntil.current) return;
    const i = shown.findIndex((l) => l.ts === at);
    if (i >= 0 && i !== targetIndex.current) {
      targetIndex.current = i;
      scrollToIndex(i);
    }
  }, [at, shown, scrollToIndex]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'End' && !typing) setFollow(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    setScroll({ top: el.scrollTop, height: el.clientHeight });
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
    if (!atBottom && follow) setFollow(false);
    if (atBottom && !follow && !at) setFollow(true);
    // The user scrolls away: the target line no longer pulls the view back.
    if (!atBottom && targetIndex.current >= 0 && Math.abs(el.scrollTop - Math.max(0, targetIndex.current * ROW - el.clientHeight / 2)) > ROW * 4) holdTargetUntil.current = 0;
  };

  const copyLink = useCallback(
    (line: LogLine) => {
      const url = `${location.origin}${pathname}?at=${encodeURIComponent(line.ts)}`;
      navigator.clipboard.writeText(url).then(() => toast('ok', 'Link to the line copied.'), () => toast('bad', 'The browser did not allow copying.'));
    },
    [pathname, toast],
  );


  const colors = useMemo(() => Object.fromEntries(sources.map((s, i) => [s.id, SOURCE_COLORS[i % SOURCE_COLORS.length]!])), [sources]);
  const first = windowed ? offset : Math.max(0, Math.floor(scroll.top / ROW) - OVERSCAN);
  const last = windowed ? shown.length : Math.min(shown.length, Math.ceil((scroll.top + scroll.height) / ROW) + OVERSCAN);
  const targetTs = at;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <LogToolbar
        view={view}
        setView={setView}
        query={query}
        setQuery={(q) => {
          setQuery(q);
          setCurrent(-1);
        }}
        regex={regex}
        setRegex={setRegex}
        searchError={searchError}
        matchText={re ? `${matches.length ? matches.indexOf(current) + 1 : 0} of ${matches.length}` : ''}
        onNext={() => go(1)}
        onPrev={() => go(-1)}
        onDownload={wholeLog ? () => setDownloading(true) : undefined}
        status={stream.status}
        searchRef={searchRef}
      />
      {stream.error ? <ErrorBanner className="m-3" error={new Error(stream.error)} /> : null}
      <SearchResults state={whole} search={re} timestamps={view.timestamps} active={at ?? null} onJump={(m) => jump(m.ts)} onCancel={whole.cancel} />
      {wholeLog ? <DownloadDialog open={downloading} sources={sources} view={view} onClose={() => setDownloading(false)} /> : null}
      <div className="relative min-h-0 flex-1">
        <div ref={scroller} onScroll={onScroll} className="absolute inset-0 overflow-auto bg-bg" role="log" aria-label="Log lines">
          <div className="flex items-center gap-3 px-3 py-1.5 text-[12px] text-muted">
            <Button size="sm" variant="ghost" disabled={stream.loadingOlder || !stream.lines.length} onClick={stream.loadOlder}>
              {stream.loadingOlder ? 'Loading…' : 'Load older'}
            </Button>
            {stream.dropped ? <span>{stream.dropped.toLocaleString('en')} older lines dropped to stay within the cap</span> : null}
            {windowed && offset ? <span>showing the newest {WRAP_WINDOW.toLocaleString('en')} lines while wrapping</span> : null}
            {!stream.lines.length && stream.status !== 'connecting' ? <span>No log lines yet.</span> : null}
          </div>
          <div style={windowed ? undefined : { height: shown.length * ROW, position: 'relative' }}>
            <div style={windowed ? undefined : { position: 'absolute', top: first * ROW, left: 0, right: 0 }}>
              {shown.slice(first, last).map((l, k) => (
                <LogLineView
                  key={`${l.source ?? ''}${l.id}`}
                  line={l}
                  timestamps={view.timestamps}
                  wrap={view.wrap}
                  pretty={view.pretty}
                  search={re}
                  current={first + k === current}
                  target={l.ts === targetTs}
                  sourceColor={l.source ? (colors[l.source] ?? colorOf(l.source)) : undefined}
                  wideSource={!wholeLog}
                  onCopyLink={copyLink}
                />
              ))}
            </div>
          </div>
        </div>
        {!follow ? (
          <Button variant="primary" size="md" className="absolute right-5 bottom-4 shadow-lg" onClick={() => setFollow(true)}>
            <ArrowDown /> Jump to bottom
          </Button>
        ) : null}
      </div>
    </div>
  );
}
