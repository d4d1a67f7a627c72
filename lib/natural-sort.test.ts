import { describe, expect, it } from 'vitest';
import { naturalCompare, sortBy } from './natural-sort';

describe('natural sort', () => {
  it('puts web-2 before web-10 and ignores case', () => {
    expect(['web-10', 'web-2', 'Web-1', 'db'].sort(naturalCompare)).toEqual(['db', 'Web-1', 'web-2', 'web-10']);
  });
  it('is a total order: names differing only in case keep a fixed order', () => {
    expect(naturalCompare('a', 'A')).not.toBe(0);
    expect(Math.sign(naturalCompare('a', 'A'))).toBe(-Math.sign(naturalCompare('A', 'a')));
  });
  it('sorts numbers by value, either way, with missing values last', () => {
    const rows = [{ n: 'a', v: 10 }, { n: 'b', v: undefined }, { n: 'c', v: 9 }];
    expect(sortBy(rows, (r) => r.v, 'asc').map((r) => r.n)).toEqual(['c', 'a', 'b']);
    expect(sortBy(rows, (r) => r.v, 'desc').map((r) => r.n)).toEqual(['a', 'c', 'b']);
  });
});
