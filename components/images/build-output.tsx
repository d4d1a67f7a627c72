'use client';
// The live output of a build: step headers, their output (ANSI colours as styled spans), the engine's bookkeeping
// muted, errors in red; it follows the end while the reader is there and stays put once they scroll up.
import { type CSSProperties, memo, useLayoutEffect, useRef } from 'react';
import { type Segment, parseAnsi } from '@/components/logs/ansi';
import { cn } from '@/lib/utils';
import type { OutputLine } from './use-build';

function styleOf(seg: Segment): CSSProperties {
  const s = seg.style;
  return { color: s.fg, backgroundColor: s.bg, fontWeight: s.bold ? 600 : undefined, opacity: s.dim ? 0.7 : undefined };
}

const Line = memo(function Line({ line }: { line: OutputLine }) {
  if (line.kind === 'step') {
    return (
      <div data-kind="step" className="mt-2 font-semibold text-accent first:mt-0">
        {line.text}
      </div>
    );
  }
  if (line.kind === 'error') {
    return (
      <div data-kind="error" className="font-medium whitespace-pre-wrap text-bad">
        {line.text}
      </div>
    );
  }
  return (
    <div data-kind={line.kind} className={cn('whitespace-pre-wrap', line.kind === 'info' && 'text-muted')}>
      {line.text === '' ? '\u00a0' : parseAnsi(line.text).map((s, i) => <span key={i} style={styleOf(s)}>{s.text}</span>)}
    </div>
  );
});

export function BuildOutputView({ lines, version, busy }: { lines: OutputLine[]; version: number; busy: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [version]);
  return (
    <div
      ref={box}
      role="log"
      aria-label="Build output"
      aria-busy={busy}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      className="min-h-48 flex-1 overflow-auto rounded-md border border-line bg-panel px-3 py-2 font-mono text-[12px] leading-5 break-words"
    >
      {lines.length ? lines.map((l) => <Line key={l.id} line={l} />) : <div className="text-muted">{busy ? 'Waiting for the engine…' : 'The build’s output appears here.'}</div>}
    </div>
  );
}
