'use client';
// Windowing for a long list of one-line rows: only the rows in view, and an overscan around them, are in the DOM;
// spacer rows stand in for the others, so the scrollbar and scroll position stay true. Short lists render whole.
import { type ReactNode, type Ref, useLayoutEffect, useState } from 'react';

/** Lists up to this long render every row. */
const WHOLE = 60;
/** Rows rendered beyond each edge of the view: enough for arrow keys and a fast wheel to land on real rows. */
const OVERSCAN = 20;
/** The window moves in steps of this many rows, so a scroll re-renders the list every few rows, not every frame. */
const STEP = 8;
/** A one-line row (`h-9` and its border) until the first one is measured. */
const DEFAULT_HEIGHT = 37;

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if (overflowY === 'auto' || overflowY === 'scroll') return p;
  }
  return null;
}

export interface RowWindow {
  start: number;
  end: number;
  /** The spacers' heights, above and below the rendered rows. */
  before: number;
  after: number;
  /** Whether the list is long enough to window: then the top spacer is rendered, with `anchor` as its ref. */
  windowed: boolean;
  /** Put on the top spacer: the window measures from it. */
  anchor: (row: HTMLTableRowElement | null) => void;
}

export function useRowWindow(count: number): RowWindow {
  // A state, not a ref: the spacer comes and goes with the list's loading and views, and the window follows it.
  const [top, anchor] = useState<HTMLTableRowElement | null>(null);
  const [height, setHeight] = useState(DEFAULT_HEIGHT);
  // First row in view and how many fit; a first render shows the top of the list.
  const [band, setBand] = useState({ first: 0, visible: 30 });
  const windowed = count > WHOLE;

  useLayoutEffect(() => {
    const scroller = top && scrollParent(top);
    if (!windowed || !top || !scroller) return;
    const update = () => {
      const row = top.nextElementSibling?.getBoundingClientRect().height;
      const h = row && row > 8 ? row : DEFAULT_HEIGHT;
      setHeight((old) => (Math.abs(old - h) < 0.5 ? old : h));
      // The top spacer's place in the scrolled content: the rows begin there.
      const body = top.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      const first = Math.max(0, Math.floor((scroller.scrollTop - body) / h));
      const visible = Math.ceil(scroller.clientHeight / h) + 1;
      setBand((b) => (b.first === first && b.visible === visible ? b : { first, visible }));
    };
    update();
    scroller.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, [windowed, top]);

  if (!windowed) return { start: 0, end: count, before: 0, after: 0, windowed, anchor };
  const end = Math.min(count, Math.ceil((band.first + band.visible + OVERSCAN) / STEP) * STEP);
  // A list that shrank under a scrolled view still shows its last rows.
  const start = Math.max(0, Math.min(Math.floor((band.first - OVERSCAN) / STEP) * STEP, end - band.visible - 2 * OVERSCAN));
  return { start, end, before: start * height, after: (count - end) * height, windowed, anchor };
}

/** A row as tall as the rows it stands for; hidden from assistive technology and from the list's keyboard focus. */
export function WindowSpacer({ height, columns, rowRef }: { height: number; columns: number; rowRef?: Ref<HTMLTableRowElement> }): ReactNode {
  return (
    <tr ref={rowRef} aria-hidden="true" style={{ height }}>
      <td colSpan={columns} className="p-0" />
    </tr>
  );
}
