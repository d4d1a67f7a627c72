// Row windowing for the containers table (pure): where each line sits, and which lines a scroll position shows.
import type { Row } from './container-row';
import type { Group } from './grouping';

/** One line of the table body: a compose project's header or a container. */
export type Line = { kind: 'group'; group: Group } | { kind: 'row'; row: Row; indent: boolean };

export function toLines(groups: Group[]): Line[] {
  const lines: Line[] = [];
  for (const group of groups) {
    if (group.project) lines.push({ kind: 'group', group });
    for (const row of group.rows) lines.push({ kind: 'row', row, indent: Boolean(group.project) });
  }
  return lines;
}

/** The top of each line and, last, the height of them all; a line's height depends only on its kind. */
export function lineOffsets(lines: Line[], heights: { row: number; group: number }): number[] {
  const offsets = new Array<number>(lines.length + 1);
  let y = 0;
  for (let i = 0; i < lines.length; i++) {
    offsets[i] = y;
    y += lines[i]!.kind === 'group' ? heights.group : heights.row;
  }
  offsets[lines.length] = y;
  return offsets;
}

/** The first line whose bottom is below `y`. */
function lineAt(offsets: number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Lines [start, end) that meet the band [top, top + height), widened by `overscan` lines on each side. */
export function windowRange(offsets: number[], top: number, height: number, overscan: number): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = Math.min(count - 1, lineAt(offsets, Math.max(0, top)));
  const last = Math.min(count - 1, lineAt(offsets, Math.max(0, top + height - 1)));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/**
 * The runs of lines to render: the window, plus a line outside it that holds the focus (so scrolling away
 * does not drop the keyboard focus); spacers fill the gaps between runs.
 */
export function renderedRuns(range: { start: number; end: number }, keep: number | null, count: number): [number, number][] {
  const runs: [number, number][] = range.end > range.start ? [[range.start, range.end]] : [];
  if (keep === null || keep < 0 || keep >= count || (keep >= range.start && keep < range.end)) return runs;
  const single: [number, number] = [keep, keep + 1];
  return keep < range.start ? [single, ...runs] : [...runs, single];
}
