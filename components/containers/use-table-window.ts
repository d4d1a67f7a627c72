'use client';
// Windowing for a table body: follows the scroll container, measures row heights, keeps the focused line
// rendered, and makes the body one tab stop whose arrow keys reach lines that are not rendered yet.
import { type FocusEvent, type KeyboardEvent, type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type Line, lineOffsets, renderedRuns, windowRange } from './windowing';

/** Lines rendered above and below the visible ones: enough for Tab and a fast wheel to land on real rows. */
const OVERSCAN = 12;
/** Heights until the first rows are measured: a row shows a name over an id; a header one line. */
const DEFAULT_HEIGHTS = { row: 37, group: 33 };
/** Pixels of scroll between two renders of the window; the overscan is several times this. */
const SCROLL_STEP = 120;

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
  // The line the list's single tab stop sits on: the last one focused or moved to, else the first.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activeIndex = useMemo(() => (activeKey === null ? -1 : lines.findIndex((l) => lineKey(l) === activeKey)), [lines, activeKey]);
  const active = activeIndex >= 0 ? activeIndex : 0;
  // The tab stop stays rendered when scrolled away from, so Tab still reaches the list.
  const runs = renderedRuns(windowRange(offsets, band.top, band.height, OVERSCAN), focused ?? active, lines.length);

  // An arrow key towards a line that is not rendered yet: bring it into view first, then focus it.
  const pendingFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    const tr = want === null ? null : bodyRef.current?.querySelector<HTMLElement>(`tr[data-line="${want}"]`);
    if (!tr) return;
    pendingFocus.current = null;
    tr.focus();
  });

  const moveTo = (line: number, body: HTMLElement) => {
    const target = lines[line];
    const el = scrollRef.current;
    if (!target || !el) return;
    setActiveKey(lineKey(target));
    const tr = body.querySelector<HTMLElement>(`tr[data-line="${line}"]`);
    if (tr) {
      tr.focus();
      tr.scrollIntoView({ block: 'nearest' });
      return;
    }
    pendingFocus.current = line;
    const bodyTop = body.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    el.scrollTop = bodyTop + offsets[line]! - el.clientHeight / 2;
  };

  const bodyProps = {
    onKeyDown: (e: KeyboardEvent<HTMLTableSectionElement>) => {
      const target = e.target as HTMLElement;
      const tr = target.closest<HTMLElement>('tr[data-line]');
      if (!tr || e.altKey || e.ctrlKey || e.metaKey) return;
      const line = Number(tr.dataset.line);
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / heights.row) - 1);
      const next =
        e.key === 'ArrowDown' ? line + 1 : e.key === 'ArrowUp' ? line - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? lines.length - 1 : e.key === 'PageDown' ? line + page : e.key === 'PageUp' ? line - page : null;
      if (next !== null) {
        e.preventDefault();
        moveTo(Math.min(lines.length - 1, Math.max(0, next)), e.currentTarget);
        return;
      }
      if (target !== tr) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        tr.querySelector<HTMLElement>('[data-row-open]')?.click();
      } else if (e.key === ' ') {
        e.preventDefault();
        tr.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
      }
    },
    onFocus: (e: FocusEvent<HTMLTableSectionElement>) => {
      const line = Number(e.target.closest<HTMLElement>('tr[data-line]')?.dataset.line);
      const l = Number.isInteger(line) ? lines[line] : undefined;
      setFocusedKey(l ? lineKey(l) : null);
      if (l) setActiveKey(lineKey(l));
    },
    onBlur: (e: FocusEvent<HTMLTableSectionElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget)) setFocusedKey(null);
    },
  };

  return { bodyRef, runs, offsets, bodyProps, active };
}
