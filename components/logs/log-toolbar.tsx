'use client';
// The log viewer's toolbar: search with next/previous, stream and display toggles, tail and line cap, download.
import { ChevronDown, ChevronUp, Download, Regex } from 'lucide-react';
import type { RefObject } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';
import type { StreamStatus } from './use-log-stream';

export interface ViewOptions {
  timestamps: boolean;
  stdout: boolean;
  stderr: boolean;
  wrap: boolean;
  pretty: boolean;
  tail: number;
  cap: number;
}

function Toggle({ on, onClick, children, label }: { on: boolean; onClick: () => void; children: React.ReactNode; label: string }) {
  return (
    <button type="button" aria-pressed={on} aria-label={label} onClick={onClick} className={cn('h-7 rounded-md border border-line px-2 text-[12px] text-muted hover:bg-panel', on && 'border-accent/50 bg-accent/10 text-accent')}>
      {children}
    </button>
  );
}

const STATUS: Record<StreamStatus, { tone: 'ok' | 'warn' | 'bad' | 'neutral' | 'info'; text: string }> = {
  connecting: { tone: 'info', text: 'connecting' },
  live: { tone: 'ok', text: 'live' },
  reconnecting: { tone: 'warn', text: 'reconnecting' },
  ended: { tone: 'neutral', text: 'ended' },
  error: { tone: 'bad', text: 'error' },
};

export function LogToolbar(props: {
  view: ViewOptions;
  setView: (v: Partial<ViewOptions>) => void;
  query: string;
  setQuery: (q: string) => void;
  regex: boolean;
  setRegex: (r: boolean) => void;
  searchError: string | null;
  matchText: string;
  onNext: () => void;
  onPrev: () => void;
  /** Left out where the log cannot be downloaded (a service's). */
  onDownload?: () => void;
  status: StreamStatus;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { view, setView, status } = props;
  return (
    <div className="flex flex-wrap items-center gap-1.5 border-b border-line px-3 py-1.5">
      <Badge tone={STATUS[status].tone} aria-live="polite">
        {STATUS[status].text}
      </Badge>
      <div className="flex items-center gap-1">
        <Input
          ref={props.searchRef}
          aria-label="Search logs"
          placeholder="Search  /"
          value={props.query}
          onChange={(e) => props.setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.shiftKey ? props.onPrev : props.onNext)();
          }}
          className="w-44 font-mono"
        />
        <Toggle label="Regular expression" on={props.regex} onClick={() => props.setRegex(!props.regex)}>
          <Regex className="size-3.5" />
        </Toggle>
        <Button size="icon" variant="ghost" aria-label="Previous match" onClick={props.onPrev}>
          <ChevronUp />
        </Button>
        <Button size="icon" variant="ghost" aria-label="Next match" onClick={props.onNext}>
          <ChevronDown />
        </Button>
        <span className="min-w-16 text-[12px] text-muted tabular">{props.matchText}</span>
      </div>
      {props.searchError ? <span className="text-[12px] text-bad">{props.searchError}</span> : null}
      <div className="ml-auto flex flex-wrap items-center gap-1">
        <Toggle label="stdout" on={view.stdout} onClick={() => setView({ stdout: !view.stdout })}>
          stdout
        </Toggle>
        <Toggle label="stderr" on={view.stderr} onClick={() => setView({ stderr: !view.stderr })}>
          stderr
        </Toggle>
        <Toggle label="Timestamps" on={view.timestamps} onClick={() => setView({ timestamps: !view.timestamps })}>
          Timestamps
        </Toggle>
        <Toggle label="Wrap lines" on={view.wrap} onClick={() => setView({ wrap: !view.wrap })}>
          Wrap
        </Toggle>
        <Toggle label="Pretty JSON" on={view.pretty} onClick={() => setView({ pretty: !view.pretty })}>
          JSON
        </Toggle>
        <select aria-label="Lines to start with" value={view.tail} onChange={(e) => setView({ tail: Number(e.target.value) })} className="h-7 rounded-md border border-line bg-raised px-1 text-[12px]">
          {[...new Set([100, 1000, 10_000, 100_000, view.tail])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>
              last {n.toLocaleString('en')}
            </option>
          ))}
        </select>
        <select aria-label="Most lines kept" value={view.cap} onChange={(e) => setView({ cap: Number(e.target.value) })} className="h-7 rounded-md border border-line bg-raised px-1 text-[12px]">
          {[10_000, 100_000, 1_000_000].map((n) => (
            <option key={n} value={n}>
              keep {n.toLocaleString('en')}
            </option>
          ))}
        </select>
        {props.onDownload ? (
          <Button onClick={props.onDownload}>
            <Download /> Download
          </Button>
        ) : null}
      </div>
    </div>
  );
}
