'use client';
// One log line: timestamp, stream colour, ANSI colours as styled spans, search highlights, optional pretty JSON.
import { Link2 } from 'lucide-react';
import { memo, type CSSProperties } from 'react';
import { cn } from '@/lib/utils';
import { type Segment, highlightSegments, parseAnsi, stripAnsi } from './ansi';
import type { LogLine } from './use-log-stream';

function styleOf(seg: Segment): CSSProperties {
  const s = seg.style;
  return {
    color: s.fg,
    backgroundColor: s.bg,
    fontWeight: s.bold ? 600 : undefined,
    opacity: s.dim ? 0.7 : undefined,
    fontStyle: s.italic ? 'italic' : undefined,
    textDecoration: s.underline ? 'underline' : undefined,
  };
}

function prettyJson(text: string): string | null {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return null;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return null;
  }
}

/** The line's text as styled spans, with search matches marked and their colours kept. */
export function AnsiText({ text, search }: { text: string; search: RegExp | null }) {
  const segs = search ? highlightSegments(parseAnsi(text), search) : parseAnsi(text);
  return (
    <>
      {segs.map((s, i) =>
        'match' in s && s.match ? (
          <mark key={i} className="rounded-sm bg-warn/40 text-fg" style={styleOf(s)}>
            {s.text}
          </mark>
        ) : (
          <span key={i} style={styleOf(s)}>
            {s.text}
          </span>
        ),
      )}
    </>
  );
}

/** "web.2.<task id>@node" as "2@node"; a global service's slot is its node's id, so only "@node". */
export function taskLabel(source: string): string {
  const m = /^.*\.([^.@]+)\.[a-z0-9]{12,25}@(.+)$/.exec(source);
  if (!m) return source;
  return m[1]!.length >= 20 ? `@${m[2]}` : `${m[1]}@${m[2]}`;
}

export const LogLineView = memo(function LogLineView({
  line,
  timestamps,
  wrap,
  pretty,
  search,
  current,
  target,
  sourceColor,
  wideSource = false,
  onCopyLink,
}: {
  line: LogLine;
  timestamps: boolean;
  wrap: boolean;
  pretty: boolean;
  search: RegExp | null;
  current: boolean;
  target: boolean;
  sourceColor?: string;
  /** A service's task names ("web.2.<task id>@node"): shown as "2@node" (the full name on hover). */
  wideSource?: boolean;
  onCopyLink: (line: LogLine) => void;
}) {
  const json = pretty ? prettyJson(stripAnsi(line.text)) : null;
  return (
    <div
      data-log-line={line.id}
      className={cn(
        'group flex gap-3 px-3 font-mono text-[12px] leading-[18px] hover:bg-panel',
        line.stream === 'stderr' && 'bg-bad/6 text-bad',
        current && 'bg-warn/15',
        target && 'bg-accent/15',
      )}
    >
      {line.source ? (
        <span className={cn('shrink-0 truncate', wideSource ? 'w-32' : 'w-28')} style={{ color: sourceColor }} title={line.source}>
          {wideSource ? taskLabel(line.source) : line.source}
        </span>
      ) : null}
      {timestamps ? <span className="shrink-0 text-muted select-none tabular">{line.ts.replace('T', ' ').slice(0, 23)}</span> : null}
      <span className={cn('min-w-0 flex-1', wrap || json ? 'break-all whitespace-pre-wrap' : 'overflow-hidden whitespace-pre text-ellipsis')}>
        {json !== null ? json : <AnsiText text={line.text} search={search} />}
        {line.truncated ? <span className="ml-2 rounded bg-warn/20 px-1 text-[10px] text-warn">truncated</span> : null}
      </span>
      <button type="button" aria-label="Copy link to this line" title="Copy link to this line" onClick={() => onCopyLink(line)} className="invisible shrink-0 text-muted group-hover:visible hover:text-fg">
        <Link2 className="size-3.5" />
      </button>
    </div>
  );
});
