import { describe, expect, it } from 'vitest';
import { safeNext } from './respond';

describe('the path followed after sign-in', () => {
  it('stays on Berth however the browser would read it', () => {
    for (const next of ['/\t/evil.example/', '/\t/evil.example', '/\\evil.example', '\\\\evil.example', '//evil', 'https://evil', ' //evil', '\u0001//evil', '/.//evil.example', '/%2e//evil.example', '/\n/evil', 'javascript:alert(1)', '', null, undefined]) {
      const kept = safeNext(next);
      expect(new URL(kept, 'https://berth.example').origin, JSON.stringify(next)).toBe('https://berth.example');
      expect(kept.startsWith('/') && !kept.startsWith('//'), JSON.stringify(next)).toBe(true);
    }
  });

  it('never returns characters a header cannot carry', () => {
    for (const next of ['/\r\nSet-Cookie:x', '/a\u0000b', '/é?q=ü#ñ', '/a b?c d#e f']) expect(safeNext(next)).toMatch(/^[\x21-\x7e]+$/);
    expect(safeNext('/\r\nSet-Cookie:x')).toBe('/Set-Cookie:x');
  });

  it('keeps ordinary paths with query and fragment, normalised as the browser would', () => {
    expect(safeNext('/ok?x=1')).toBe('/ok?x=1');
    expect(safeNext('/e/default/containers?state=running#top')).toBe('/e/default/containers?state=running#top');
    expect(safeNext('\n/x')).toBe('/x');
    expect(safeNext('/a/../b')).toBe('/b');
    expect(safeNext('/a\\b')).toBe('/a/b');
  });
});
