// Parses ANSI SGR escape codes into styled text segments; every other escape sequence is dropped, never shown raw.
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Segment {
  text: string;
  style: AnsiStyle;
}

const BASIC = ['#4b5563', '#ef4444', '#22c55e', '#eab308', '#3b82f6', '#d946ef', '#06b6d4', '#d1d5db'];
const BRIGHT = ['#9ca3af', '#f87171', '#4ade80', '#facc15', '#60a5fa', '#e879f9', '#22d3ee', '#f9fafb'];

function color256(n: number): string {
  if (n < 8) return BASIC[n]!;
  if (n < 16) return BRIGHT[n - 8]!;
  if (n < 232) {
    const i = n - 16;
    const c = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${c(Math.floor(i / 36))}, ${c(Math.floor(i / 6) % 6)}, ${c(i % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g}, ${g}, ${g})`;
}

function apply(style: AnsiStyle, codes: number[]): AnsiStyle {
  const s = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) Object.keys(s).forEach((k) => delete s[k as keyof AnsiStyle]);
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) delete s.bold, delete s.dim;
    else if (c === 23) delete s.italic;
    else if (c === 24) delete s.underline;
    else if (c >= 30 && c <= 37) s.fg = BASIC[c - 30];
    else if (c === 39) delete s.fg;
    else if (c >= 40 && c <= 47) s.bg = BASIC[c - 40];
    else if (c === 49) delete s.bg;
    else if (c >= 90 && c <= 97) s.fg = BRIGHT[c - 90];
    else if (c >= 100 && c <= 107) s.bg = BRIGHT[c - 100];
    else if ((c === 38 || c === 48) && codes[i + 1] === 5 && codes[i + 2] !== undefined) {
      s[c === 38 ? 'fg' : 'bg'] = color256(codes[i + 2]!);
      i += 2;
    } else if ((c === 38 || c === 48) && codes[i + 1] === 2 && codes[i + 4] !== undefined) {
      s[c === 38 ? 'fg' : 'bg'] = `rgb(${codes[i + 2]}, ${codes[i + 3]}, ${codes[i + 4]})`;
      i += 4;
    }
  }
  return s;
}

// CSI sequences (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte escapes.
const ESCAPES = /\u001b\[([0-9;:?]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function parseAnsi(line: string): Segment[] {
  if (!line.includes('\u001b')) return [{ text: line, style: {} }];
  const out: Segment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  for (const m of line.matchAll(ESCAPES)) {
    if (m.index! > last) out.push({ text: line.slice(last, m.index), style });
    last = m.index! + m[0].length;
    if (m[2] === 'm') style = apply(style, (m[1] || '0').split(/[;:]/).map((n) => Number(n) || 0));
  }
  if (last < line.length) out.push({ text: line.slice(last), style });
  return out.filter((s) => s.text.length > 0);
}

/** The line's text without escape codes, for search and download. */
export function stripAnsi(line: string): string {
  return line.includes('\u001b') ? line.replace(ESCAPES, '') : line;
}

/** Segments split where `search` matches the text without escape codes; matched pieces are marked and keep their colours. */
export function highlightSegments(segments: Segment[], search: RegExp): (Segment & { match?: boolean })[] {
  const text = segments.map((s) => s.text).join('');
  const ranges: [number, number][] = [];
  search.lastIndex = 0;
  for (const m of text.matchAll(search)) {
    if (!m[0]) break;
    ranges.push([m.index!, m.index! + m[0].length]);
  }
  if (!ranges.length) return segments;
  const out: (Segment & { match?: boolean })[] = [];
  let at = 0;
  let r = 0;
  for (const seg of segments) {
    const end = at + seg.text.length;
    let pos = at;
    while (pos < end) {
      while (r < ranges.length && ranges[r]![1] <= pos) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ text: seg.text.slice(pos - at), style: seg.style });
        break;
      }
      if (range[0] > pos) {
        out.push({ text: seg.text.slice(pos - at, range[0] - at), style: seg.style });
        pos = range[0];
      }
      const stop = Math.min(range[1], end);
      out.push({ text: seg.text.slice(pos - at, stop - at), style: seg.style, match: true });
      pos = stop;
    }
    at = end;
  }
  return out;
}
