// How file metadata reads in the Files tab: ls-style modes, sizes in binary units, and local times.
import type { FileEntry } from '@/server/files/files';

const TYPE_CHAR: Record<FileEntry['type'], string> = { dir: 'd', symlink: 'l', file: '-', hardlink: '-', other: '?' };

export function modeString(type: FileEntry['type'], mode: number): string {
  const bits = ['r', 'w', 'x', 'r', 'w', 'x', 'r', 'w', 'x'].map((c, i) => (mode & (0o400 >> i) ? c : '-'));
  if (mode & 0o4000) bits[2] = bits[2] === 'x' ? 's' : 'S';
  if (mode & 0o2000) bits[5] = bits[5] === 'x' ? 's' : 'S';
  if (mode & 0o1000) bits[8] = bits[8] === 'x' ? 't' : 'T';
  return TYPE_CHAR[type] + bits.join('');
}

export function sizeString(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function timeString(seconds: number): string {
  return seconds ? new Date(seconds * 1000).toLocaleString() : '—';
}

export function parentOf(path: string): string {
  if (path === '/') return '/';
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function childOf(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
