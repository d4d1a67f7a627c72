// Paths inside a container as users give them, checked and normalised, and names for files put into a folder.
import { posix } from 'node:path';
import { BerthError } from '../errors';

export const PATH_MAX = 4096;
export const NAME_MAX_BYTES = 255;

/** An absolute path without NUL or control characters other than tab and newline, normalised ("a/../b" → "b"). */
export function containerPath(raw: string): string {
  if (!raw.startsWith('/')) throw new BerthError('INVALID_INPUT', 'A path in the container starts with "/".');
  if (Buffer.byteLength(raw) > PATH_MAX) throw new BerthError('INVALID_INPUT', `A path in the container may be at most ${PATH_MAX} bytes long.`);
  if (raw.includes('\0')) throw new BerthError('INVALID_INPUT', 'A path in the container cannot contain a NUL character.');
  const normal = posix.normalize(raw);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : '/';
}

/**
 * The name of a file put into a folder: one path segment, so the archive the engine extracts cannot place it
 * anywhere else ("..", ".", "/", NUL and over-long names are refused).
 */
export function entryName(raw: string): string {
  if (!raw || raw === '.' || raw === '..' || raw.includes('/') || raw.includes('\0')) {
    throw new BerthError('INVALID_INPUT', `"${raw.slice(0, 100)}" is not a file name: it must be one name without "/", and not "." or "..".`);
  }
  if (Buffer.byteLength(raw) > NAME_MAX_BYTES) throw new BerthError('INVALID_INPUT', `A file name may be at most ${NAME_MAX_BYTES} bytes long.`);
  return raw;
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function baseName(path: string): string {
  return path === '/' ? '/' : posix.basename(path);
}
