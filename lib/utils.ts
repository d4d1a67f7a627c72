// Small helpers shared by components: class names and formatting.
import { type ClassValue, clsx } from 'clsx';
import { twMerge } from 'tailwind-merge';

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

/** "1.61 GB": powers of 1000, as Docker shows sizes; the VM's disk image uses formatBinaryBytes (lib/binary-units). */
export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes)) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let i = -1;
  do {
    value /= 1000;
    i++;
  } while (value >= 1000 && i < units.length - 1);
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ${units[i]}`;
}

/** "3 minutes ago" from a time in seconds or an ISO string. */
export function formatAgo(time: number | string | undefined, now = Date.now()): string {
  if (time === undefined || time === '' || time === '0001-01-01T00:00:00Z') return '—';
  const ms = typeof time === 'number' ? time * 1000 : Date.parse(time);
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 45) return 'just now';
  const units: [number, string][] = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
    [2592000, 'month'],
    [31536000, 'year'],
  ];
  let chosen: [number, string] = units[0]!;
  for (const u of units) if (s >= u[0]) chosen = u;
  const n = Math.max(1, Math.round(s / chosen[0]));
  return `${n} ${chosen[1]}${n === 1 ? '' : 's'} ago`;
}

let dateFormat: Intl.DateTimeFormat | undefined;

export function formatDate(time: number | string | undefined): string {
  if (time === undefined || time === '' || time === '0001-01-01T00:00:00Z') return '—';
  const d = typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  if (Number.isNaN(d.getTime())) return '—';
  // One formatter for every call: toLocaleString with options builds a new one each time (about 0.3 ms, per row).
  dateFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return dateFormat.format(d);
}

let timeFormat: Intl.DateTimeFormat | undefined;

/** The time of day in the user's locale, as `toLocaleTimeString()` gives it, from one shared formatter. */
export function formatTime(time: number | Date): string {
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return timeFormat.format(time);
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
