// Natural order for names users read ("web-2" before "web-10"), and sorting rows by a column in either direction.

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export type SortDir = 'asc' | 'desc';

/** Numbers by value, strings naturally; missing values last whichever the direction. */
export function compareValues(x: string | number | undefined, y: string | number | undefined, dir: SortDir): number {
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  const c = typeof x === 'number' && typeof y === 'number' ? x - y : naturalCompare(String(x), String(y));
  return dir === 'asc' ? c : -c;
}

/** A sorted copy; ties keep the order of `tie` (by default the rows' own order). */
export function sortBy<T>(rows: readonly T[], value: (row: T) => string | number | undefined, dir: SortDir, tie?: (a: T, b: T) => number): T[] {
  return [...rows].sort((a, b) => compareValues(value(a), value(b), dir) || (tie ? tie(a, b) : 0));
}
