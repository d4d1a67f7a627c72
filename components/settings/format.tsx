// Times on the settings screens: stored as epoch milliseconds, shown relative with the full date on hover.
import { formatDate } from '@/lib/utils';

const UNITS: [number, string][] = [
  [31_536_000, 'year'],
  [2_592_000, 'month'],
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
];

/** "3 hours ago", "in 6 days", "just now". */
export function relative(ms: number, now = Date.now()): string {
  const s = Math.round((ms - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return 'just now';
  const [size, unit] = UNITS.find(([u]) => abs >= u) ?? UNITS[UNITS.length - 1]!;
  const n = Math.max(1, Math.round(abs / size));
  const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return s < 0 ? `${text} ago` : `in ${text}`;
}

export function fullDate(ms: number): string {
  return formatDate(ms / 1000);
}

/** "Nov 24, 05:56:15": the year only when it is not this one, for dense tables of recent events. */
export function shortDate(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return d.toLocaleString(undefined, { year: sameYear ? undefined : 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/** A <time> that reads "2 days ago" and shows the exact date on hover; a dash (or `none`) when there is no time. */
export function When({ ms, none = '—', exact }: { ms: number | null; none?: string; exact?: boolean }) {
  if (!ms) return <span className="text-muted">{none}</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={fullDate(ms)} className="whitespace-nowrap tabular">
      {exact ? shortDate(ms) : relative(ms)}
    </time>
  );
}

export type Status = 'active' | 'expired' | 'revoked';

/** The status of a token or share link now. */
export function statusOf(row: { revokedAt: number | null; expiresAt: number | null }, now = Date.now()): Status {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt !== null && row.expiresAt <= now) return 'expired';
  return 'active';
}

export const STATUS_TONE: Record<Status, 'ok' | 'warn' | 'neutral'> = { active: 'ok', expired: 'warn', revoked: 'neutral' };
