'use client';
// A light JSON editor for daemon.json: a plain textarea (so typing, selection, undo and screen readers work as
// everywhere) over a layer that underlines each problem, beside a line-number gutter; the sentences sit below.
import { useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { DAEMON_JSON_MAX_BYTES, type DaemonConfigProblem } from '@/lib/daemon-config';
import { cn } from '@/lib/utils';

const LINE_PX = 20;

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  problems: DaemonConfigProblem[];
  readOnly?: boolean;
  /** Told when a paste or an edit is refused for its size, before anything parses it. */
  onRefused?: (sentence: string | null) => void;
}

function tooLong(chars: number): string {
  const mb = chars / 1e6;
  const size = mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.round(chars / 1024)} KiB`;
  return `That would make daemon.json ${size}; it can be at most ${DAEMON_JSON_MAX_BYTES / 1024} KiB, so nothing was pasted.`;
}

/** The text cut at the problems' spans, each span marked; problems never overlap after this. */
function segments(text: string, problems: DaemonConfigProblem[]): Array<{ text: string; problem?: DaemonConfigProblem }> {
  const out: Array<{ text: string; problem?: DaemonConfigProblem }> = [];
  let at = 0;
  for (const p of [...problems].sort((a, b) => a.from - b.from)) {
    let from = Math.max(p.from, at);
    let to = Math.min(Math.max(p.to, from), text.length);
    if (from >= text.length && text.length > 0) from = to = text.length; // the end of the text: marked after it
    if (from > at) out.push({ text: text.slice(at, from) });
    if (to > from) out.push({ text: text.slice(from, to), problem: p });
    else if (from === text.length) out.push({ text: ' ', problem: p });
    at = Math.max(at, to);
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

export function DaemonJsonEditor({ id, label, value, onChange, problems, readOnly, onRefused }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const lines = useMemo(() => value.split('\n').length, [value]);
  const badLines = useMemo(() => new Set(problems.map((p) => p.line)), [problems]);
  const marked = useMemo(() => segments(value, problems), [value, problems]);
  const problemsId = `${id}-problems`;

  useLayoutEffect(() => {
    const el = area.current;
    if (el) setScroll({ top: el.scrollTop, left: el.scrollLeft });
  }, [value]);

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = e.clipboardData.getData('text').length;
    const el = e.currentTarget;
    const after = value.length - (el.selectionEnd - el.selectionStart) + pasted;
    if (after > DAEMON_JSON_MAX_BYTES) {
      e.preventDefault();
      onRefused?.(tooLong(after));
    }
  };

  const goTo = (p: DaemonConfigProblem) => {
    const el = area.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(p.from, Math.max(p.from, p.to));
    el.scrollTop = Math.max(0, (p.line - 4) * LINE_PX);
  };

  return (
    <div>
      <div className="relative flex h-[26rem] overflow-hidden rounded-md border border-line bg-raised font-mono text-[12.5px] focus-within:border-accent focus-within:ring-2 focus-within:ring-accent/30" style={{ lineHeight: `${LINE_PX}px` }}>
        <div aria-hidden className="w-11 shrink-0 select-none overflow-hidden border-r border-line bg-panel text-right text-muted">
          <div className="py-2 pr-2" style={{ transform: `translateY(${-scroll.top}px)` }}>
            {Array.from({ length: lines }, (_, i) => (
              <div key={i} className={cn('tabular', badLines.has(i + 1) && 'font-semibold text-bad')}>
                {i + 1}
              </div>
            ))}
          </div>
        </div>
        <div className="relative min-w-0 flex-1">
          <pre aria-hidden className="pointer-events-none absolute inset-0 m-0 overflow-hidden whitespace-pre px-3 py-2 text-transparent">
            <div style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
              {marked.map((s, i) =>
                s.problem ? (
                  <mark key={i} data-problem={s.problem.path || 'file'} className="rounded-[2px] bg-bad/12 text-transparent underline decoration-bad decoration-wavy decoration-[1.5px] underline-offset-[3px]">
                    {s.text}
                  </mark>
                ) : (
                  <span key={i}>{s.text}</span>
                ),
              )}
              {'\n'}
            </div>
          </pre>
          <textarea
            ref={area}
            id={id}
            aria-label={label}
            aria-invalid={problems.length > 0}
            aria-describedby={problems.length ? problemsId : undefined}
            value={value}
            readOnly={readOnly}
            wrap="off"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            onPaste={onPaste}
            onChange={(e) => {
              if (e.target.value.length > DAEMON_JSON_MAX_BYTES) {
                onRefused?.(tooLong(e.target.value.length));
                return;
              }
              onRefused?.(null);
              onChange(e.target.value);
            }}
            // The frame shows focus (border and ring); the page-wide outline would only cover the gutter's edge.
            style={{ outline: 'none' }}
            onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
            className="absolute inset-0 size-full resize-none overflow-auto whitespace-pre bg-transparent px-3 py-2 text-fg caret-fg outline-none read-only:text-fg/80"
          />
        </div>
      </div>
      {problems.length ? (
        <ul id={problemsId} aria-label="Problems in daemon.json" className="mt-2 flex flex-col gap-1 text-[12.5px]">
          {problems.map((p, i) => (
            <li key={i} className="flex items-baseline gap-2 text-bad">
              <button type="button" onClick={() => goTo(p)} className="shrink-0 rounded font-mono text-[11.5px] text-muted underline-offset-2 hover:text-fg hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent">
                Line {p.line}
              </button>
              <span>{p.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
