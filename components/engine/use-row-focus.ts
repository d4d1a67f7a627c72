'use client';
// A list as one tab stop: Tab lands on one row (the last one used), arrows move between rows, Enter opens the row's
// first link, and Tab from a row reaches that row's own links and buttons only. Rows are the tbody's <tr>s.
import { type FocusEvent, type KeyboardEvent, type RefObject, useCallback, useEffect, useRef } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

function rowsOf(body: HTMLElement): HTMLTableRowElement[] {
  return [...body.querySelectorAll<HTMLTableRowElement>(':scope > tr:not([aria-hidden])')];
}

/** Gives the active row the tab stop and takes it from every other row and everything inside those rows. */
function assign(body: HTMLElement, active: number): void {
  const rows = rowsOf(body);
  const current = Math.min(active, rows.length - 1);
  rows.forEach((row, i) => {
    const on = i === current;
    row.tabIndex = on ? 0 : -1;
    for (const el of row.querySelectorAll<HTMLElement>(FOCUSABLE)) el.tabIndex = on ? 0 : -1;
  });
}

export function useRowFocus(): { ref: RefObject<HTMLTableSectionElement | null>; onKeyDown: (e: KeyboardEvent<HTMLTableSectionElement>) => void; onFocus: (e: FocusEvent<HTMLTableSectionElement>) => void } {
  const ref = useRef<HTMLTableSectionElement | null>(null);
  const active = useRef(0);
  /** The row that holds the tab stop: it keeps it when rows above it come or go (a filter, a windowed list's scroll). */
  const activeRow = useRef<HTMLTableRowElement | null>(null);
  const sync = useCallback((body: HTMLElement) => {
    const at = activeRow.current ? rowsOf(body).indexOf(activeRow.current) : -1;
    if (at >= 0) active.current = at;
    assign(body, active.current);
  }, []);

  // Rows come and go with the filter, sort and live refresh: keep the tab stops right after every change.
  useEffect(() => {
    const body = ref.current;
    if (!body) return;
    sync(body);
    const observer = new MutationObserver(() => sync(body));
    observer.observe(body, { childList: true });
    return () => observer.disconnect();
  });

  const moveTo = useCallback((index: number) => {
    const body = ref.current;
    if (!body) return;
    const rows = rowsOf(body);
    if (!rows.length) return;
    active.current = Math.max(0, Math.min(index, rows.length - 1));
    activeRow.current = rows[active.current]!;
    assign(body, active.current);
    rows[active.current]!.focus();
    rows[active.current]!.scrollIntoView({ block: 'nearest' });
  }, []);

  const onFocus = useCallback((e: FocusEvent<HTMLTableSectionElement>) => {
    const body = ref.current;
    const row = (e.target as HTMLElement).closest('tr');
    if (!body || !row) return;
    const index = rowsOf(body).indexOf(row as HTMLTableRowElement);
    if (index >= 0) activeRow.current = row as HTMLTableRowElement;
    if (index >= 0 && index !== active.current) {
      active.current = index;
      assign(body, index);
    }
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableSectionElement>) => {
      const body = ref.current;
      if (!body || e.altKey || e.ctrlKey || e.metaKey) return;
      const row = e.target instanceof HTMLTableRowElement ? e.target : null;
      const rows = rowsOf(body);
      // Where the focus is now: rows above it may have come or gone since it got there.
      const at = row ? rows.indexOf(row) : -1;
      if (at >= 0) active.current = at;
      const page = 10;
      const next: Record<string, number> = { ArrowDown: active.current + 1, ArrowUp: active.current - 1, Home: 0, End: rows.length - 1, PageDown: active.current + page, PageUp: active.current - page };
      if (e.key in next && (row || e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        // A windowed list renders only the rows in view: Home and End scroll to its edge first, and the rows there render.
        const edge = e.key === 'End' ? body.lastElementChild : e.key === 'Home' ? body.firstElementChild : null;
        const scroller = edge?.getAttribute('aria-hidden') === 'true' && (edge as HTMLElement).offsetHeight > 0 ? body.closest<HTMLElement>('.overflow-auto') : null;
        if (scroller) {
          scroller.scrollTop = e.key === 'End' ? scroller.scrollHeight : 0;
          requestAnimationFrame(() => requestAnimationFrame(() => moveTo(e.key === 'End' ? rowsOf(body).length - 1 : 0)));
          return;
        }
        moveTo(next[e.key]!);
      } else if (e.key === 'Enter' && row) {
        e.preventDefault();
        row.querySelector<HTMLElement>('a[href]')?.click();
      }
    },
    [moveTo],
  );

  return { ref, onKeyDown, onFocus };
}
