import { describe, expect, it } from 'vitest';
import { highlightSegments, parseAnsi, stripAnsi } from './ansi';

describe('parseAnsi', () => {
  it('turns SGR colours into styled segments and hides the codes', () => {
    const segs = parseAnsi('\u001b[31mred\u001b[0m plain \u001b[1;92mbold green\u001b[0m');
    expect(segs.map((s) => s.text)).toEqual(['red', ' plain ', 'bold green']);
    expect(segs[0]!.style.fg).toBe('#ef4444');
    expect(segs[1]!.style).toEqual({});
    expect(segs[2]!.style).toMatchObject({ bold: true, fg: '#4ade80' });
  });

  it('understands 256-colour and true-colour codes', () => {
    expect(parseAnsi('\u001b[38;5;196mx')[0]!.style.fg).toBe('rgb(255, 0, 0)');
    expect(parseAnsi('\u001b[48;2;1;2;3mx')[0]!.style.bg).toBe('rgb(1, 2, 3)');
  });

  it('drops other escape sequences instead of showing them', () => {
    expect(stripAnsi('\u001b[2K\u001b[1Gprogress\u001b]0;title\u0007 done')).toBe('progress done');
    expect(parseAnsi('\u001b[?25lhidden cursor').map((s) => s.text).join('')).toBe('hidden cursor');
  });

  it('leaves text that looks like HTML as text', () => {
    expect(parseAnsi('<script>alert(1)</script>')).toEqual([{ text: '<script>alert(1)</script>', style: {} }]);
  });
});

describe('highlightSegments', () => {
  it('marks matches across coloured segments and keeps each piece its colour', () => {
    const segs = highlightSegments(parseAnsi('\u001b[31mred needle\u001b[32mgreen\u001b[0m tail'), /needlegr/gi);
    expect(segs.map((s) => [s.text, s.style.fg ?? null, s.match ?? false])).toEqual([
      ['red ', '#ef4444', false],
      ['needle', '#ef4444', true],
      ['gr', '#22c55e', true],
      ['een', '#22c55e', false],
      [' tail', null, false],
    ]);
  });
});
