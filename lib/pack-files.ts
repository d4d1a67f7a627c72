// Packs a folder picked in the browser (<input webkitdirectory>) into a tar Blob for POST /api/build-context, leaving
// out what its .dockerignore names. The files' bytes are not read here: the Blob refers to them and the upload streams them.
import ignore from '@balena/dockerignore';
import { TAR_END, tarHeader, tarPadding } from './tar';

export interface PackedFolder {
  blob: Blob;
  /** The picked folder's own name (the first part of every relative path). */
  folder: string;
  files: number;
  ignored: number;
}

/** A file's path inside the picked folder, without the folder's own name. */
function innerPath(file: File): string {
  const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
  const slash = rel.indexOf('/');
  return slash === -1 ? rel : rel.slice(slash + 1);
}

/**
 * Browsers say nothing of file modes, so every file goes in as rwxr-xr-x (as Docker does for contexts sent from
 * Windows): a script the Dockerfile runs stays runnable. Symlinks arrive already followed by the browser.
 */
export async function packFolder(files: readonly File[], dockerfile: string): Promise<PackedFolder> {
  const first = files[0];
  const rel0 = first ? (first as File & { webkitRelativePath?: string }).webkitRelativePath || '' : '';
  const folder = rel0.includes('/') ? rel0.slice(0, rel0.indexOf('/')) : '';
  const byPath = new Map(files.map((f) => [innerPath(f), f]));
  const ignoreFile = byPath.get('.dockerignore');
  const patterns = ignoreFile
    ? (await ignoreFile.text())
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [];
  const rules = ignore().add(patterns);
  const keep = new Set([dockerfile.replace(/^\.\//, ''), '.dockerignore']);
  const parts: BlobPart[] = [];
  let count = 0;
  let ignored = 0;
  for (const [path, file] of [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!keep.has(path) && rules.ignores(path)) {
      ignored++;
      continue;
    }
    parts.push(tarHeader({ name: path, type: 'file', size: file.size, mode: 0o755, mtime: Math.floor(file.lastModified / 1000) }) as BlobPart, file);
    const pad = tarPadding(file.size);
    if (pad.length) parts.push(pad as BlobPart);
    count++;
  }
  parts.push(TAR_END as BlobPart);
  return { blob: new Blob(parts, { type: 'application/x-tar' }), folder, files: count, ignored };
}
