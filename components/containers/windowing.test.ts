import { describe, expect, it } from 'vitest';
import type { Row } from './container-row';
import { groupRows } from './grouping';
import { lineOffsets, renderedRuns, toLines, windowRange } from './windowing';

const row = (name: string, project?: string): Row => ({ id: name, name, image: 'busybox', imageId: '', command: '', state: 'running', status: 'Up', created: 0, ports: [], project, restartCount: 0, crashLooping: false });
const H = { row: 37, group: 33 };

describe('toLines and lineOffsets', () => {
  it('puts a header before each compose project and indents its containers', () => {
    const lines = toLines(groupRows([row('a', 'shop'), row('b'), row('c', 'shop')]));
    expect(lines.map((l) => (l.kind === 'group' ? `#${l.group.project}` : `${l.row.name}${l.indent ? '>' : ''}`))).toEqual(['#shop', 'a>', 'c>', 'b']);
    expect(lineOffsets(lines, H)).toEqual([0, 33, 70, 107, 144]);
  });
});

describe('windowRange', () => {
  const lines = toLines(groupRows(Array.from({ length: 1000 }, (_, i) => row(`c${String(i).padStart(4, '0')}`))));
  const offsets = lineOffsets(lines, H);

  it('renders the lines in view plus the overscan on each side', () => {
    expect(windowRange(offsets, 0, 370, 5)).toEqual({ start: 0, end: 15 });
    expect(windowRange(offsets, 37 * 100, 370, 5)).toEqual({ start: 95, end: 115 });
    expect(windowRange(offsets, 37 * 100 + 10, 370, 5)).toEqual({ start: 95, end: 116 });
  });

  it('stays inside the list at both ends', () => {
    expect(windowRange(offsets, -50, 370, 5).start).toBe(0);
    expect(windowRange(offsets, 37 * 998, 370, 5)).toEqual({ start: 993, end: 1000 });
    expect(windowRange(offsets, 1e9, 370, 5)).toEqual({ start: 994, end: 1000 });
    expect(windowRange([0], 0, 370, 5)).toEqual({ start: 0, end: 0 });
  });

  it('handles headers of a different height', () => {
    const mixed = lineOffsets(toLines(groupRows([row('a', 'p'), row('b', 'p'), row('c', 'q'), row('d')])), H);
    // 0 #p, 33 a, 70 b, 107 #q, 140 c, 177 d, 214 end
    expect(windowRange(mixed, 108, 30, 0)).toEqual({ start: 3, end: 4 });
    expect(windowRange(mixed, 139, 2, 0)).toEqual({ start: 3, end: 5 });
  });
});

describe('renderedRuns', () => {
  it('keeps a focused line outside the window as a run of its own', () => {
    expect(renderedRuns({ start: 50, end: 70 }, null, 100)).toEqual([[50, 70]]);
    expect(renderedRuns({ start: 50, end: 70 }, 60, 100)).toEqual([[50, 70]]);
    expect(renderedRuns({ start: 50, end: 70 }, 3, 100)).toEqual([[3, 4], [50, 70]]);
    expect(renderedRuns({ start: 50, end: 70 }, 90, 100)).toEqual([[50, 70], [90, 91]]);
    expect(renderedRuns({ start: 50, end: 70 }, 120, 100)).toEqual([[50, 70]]);
  });
});
