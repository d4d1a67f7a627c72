'use client';
// Windowing for a table body: follows the scroll container, measures row heights, keeps the focused line
// rendered, and lets Tab walk onto lines that are not rendered yet.
import { type FocusEvent, type KeyboardEvent, type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type Line, lineOffsets, renderedRuns, windowRange } from './windowing';

/** Lines rendered above and below the visible ones: enough for Tab and a fast wheel to land on real rows. */
const OVERSCAN = 12;
/** Heights until the first rows are measured: a row shows a name over an id; a header one line. */
const DEFAULT_HEIGHTS = { row: 37, group: 33 };
/** Pixels of scroll between two renders of the window; the overscan is several times this. */
const SCROLL_STEP = 120;
const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled)';

function lineKey(line: Line): string {
  return line.kind === 'group' ? `#${line.group.project ?? ''}` : line.row.id;
}

export function useTableWindow(lines: Line[], scrollRef: RefObject<HTMLElement | null>) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [heights, setHeights] = useState(DEFAULT_HEIGHTS);
  const offsets = useMemo(() => lineOffsets(lines, heights), [lines, heights]);
  const [band, setBand] = useState({ top: 0, height: 1200 });
  // By key, not index: a container created above the focused one must not move the focus's line.
  const [focusedKey, setFocusedKey] = useState<string | null>(null);

  // The band of the body in view, in the body's own coordinates (the sticky header and page top excluded).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => {
      const body = bodyRef.current;
      if (!body) return;
      const exact = el.scrollTop - (body.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop);
      // In steps well inside the overscan: a scroll re-renders the table every few rows, not every frame.
      const top = Math.floor(exact / SCROLL_STEP) * SCROLL_STEP;
      const height = el.clientHeight + SCROLL_STEP;
      setBand((b) => (b.top === top && b.height === height ? b : { top, height }));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, [scrollRef]);

  // Row heights come from the stylesheet; measure one of each kind so the spacers match them exactly.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const row = body?.querySelector('tr[data-container-row]')?.getBoundingClientRect().height;
    const group = body?.querySelector('tr[data-project]')?.getBoundingClientRect().height;
    setHeights((h) => {
      const next = { row: row || h.row, group: group || h.group };
      return next.row === h.row && next.group === h.group ? h : next;
    });
  });

  const focused = useMemo(() => (focusedKey === null ? null : lines.findIndex((l) => lineKey(l) === focusedKey)), [lines, focusedKey]);
  const runs = renderedRuns(windowRange(offsets, band.top, band.height, OVERSCAN), focused, lines.length);

  // Tab from the last rendered line to one not rendered yet: bring it into view first, then move the focus there.
  const pendingFocus = useRef<{ line: number; last: boolean } | null>(null);
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    const tr = want && bodyRef.current?.querySelector(`tr[data-line="${want.line}"]`);
    if (!want || !tr) return;
    pendingFocus.current = null;
    const targets = tr.querySelectorAll<HTMLElement>(FOCUSABLE);
    (want.last ? targets[targets.length - 1] : targets[0])?.focus();
  });

  const bodyProps = {
    onKeyDown: (e: KeyboardEvent<HTMLTableSectionElement>) => {
      const tr = e.key === 'Tab' ? (e.target as HTMLElement).closest<HTMLElement>('tr[data-line]') : null;
      const el = scrollRef.current;
      if (!tr || !el) return;
      const targets = tr.querySelectorAll<HTMLElement>(FOCUSABLE);
      if (e.target !== (e.shiftKey ? targets[0] : targets[targets.length - 1])) return;
      const next = Number(tr.dataset.line) + (e.shiftKey ? -1 : 1);
      if (next < 0 || next >= lines.length || bodyRef.current?.querySelector(`tr[data-line="${next}"]`)) return;
      e.preventDefault();
      pendingFocus.current = { line: next, last: e.shiftKey };
      const bodyTop = e.currentTarget.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      el.scrollTop = bodyTop + offsets[next]! - el.clientHeight / 2;
    },
    onFocus: (e: FocusEvent<HTMLTableSectionElement>) => {
      const line = Number(e.target.closest<HTMLElement>('tr[data-line]')?.dataset.line);
      const l = Number.isInteger(line) ? lines[line] : undefined;
      setFocusedKey(l ? lineKey(l) : null);
    },
    onBlur: (e: FocusEvent<HTMLTableSectionElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget)) setFocusedKey(null);
    },
  };

  return { bodyRef, runs, offsets, bodyProps };
}
