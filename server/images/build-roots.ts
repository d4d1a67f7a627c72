// Which folders on Berth's machine an image may be built from, and the check that a requested folder is inside one.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { BerthError } from '../errors';
import type { VmManager } from '../vm/manager';

/**
 * BERTH_BUILD_ROOTS (colon-separated) when set, else the VM's shared directories: the folders an admin already
 * chose to expose to containers are the natural ones to build from.
 */
export function buildRoots(vm: Pick<VmManager, 'settings'>, env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.BERTH_BUILD_ROOTS;
  const roots = configured !== undefined && configured.trim() !== '' ? configured.split(':') : vm.settings().shares;
  return [...new Set(roots.map((r) => r.trim()).filter((r) => isAbsolute(r)).map((r) => resolve(r)))];
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * The real folder `requested` names, once it is known to lie in one of `roots`. Both sides are resolved with
 * realpath, so a symlink (the folder itself or one of its parents) that points out of every root is refused.
 */
export async function resolveContextDir(requested: string, roots: readonly string[]): Promise<string> {
  if (!isAbsolute(requested)) throw new BerthError('INVALID_INPUT', `The folder must be an absolute path such as /home/me/app, not "${requested}".`);
  if (requested.split(/[\\/]/).includes('..')) throw new BerthError('INVALID_INPUT', `The folder "${requested}" contains "..": give the folder's path without it.`);
  const shown = roots.length ? roots.join(', ') : '(none: set BERTH_BUILD_ROOTS or share a directory with the VM)';
  let real: string;
  try {
    real = await realpath(requested);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BerthError('NOT_FOUND', `There is no folder ${requested} on Berth's machine.`);
    if (code === 'EACCES') throw new BerthError('PERMISSION_DENIED', `Berth may not read ${requested}.`);
    throw err;
  }
  const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => null)));
  if (!realRoots.some((root) => root !== null && within(real, root))) {
    const via = real === resolve(requested) ? '' : ` (it leads to ${real})`;
    throw new BerthError('FORBIDDEN', `Berth builds only from folders inside ${shown}; ${requested} is outside them${via}.`);
  }
  if (!(await stat(real)).isDirectory()) throw new BerthError('INVALID_INPUT', `${requested} is a file, not a folder: give the folder that holds the Dockerfile.`);
  return real;
}

/** A Dockerfile path relative to the context, without "..": the engine reads it from inside the context only. */
export function checkDockerfilePath(dockerfile: string): string {
  const clean = dockerfile.replace(/^\.\//, '');
  if (isAbsolute(clean) || /^[a-zA-Z]:/.test(clean)) throw new BerthError('INVALID_INPUT', `The Dockerfile path "${dockerfile}" must be relative to the build folder.`);
  if (clean.split(/[\\/]/).includes('..')) throw new BerthError('INVALID_INPUT', `The Dockerfile path "${dockerfile}" contains "..": it must lie inside the build folder.`);
  return clean;
}
