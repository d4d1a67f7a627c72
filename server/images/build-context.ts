// Packs a folder on Berth's machine into the tar stream the engine builds from: .dockerignore honoured, symlinks
// packed as links (never followed), special files left out.
import { constants } from 'node:fs';
import { lstat, open, readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ignore, { type Ignore } from '@balena/dockerignore';
import { TAR_END, tarHeader, tarPadding } from '../../lib/tar';
import { BerthError } from '../errors';

const CHUNK = 256 * 1024;

/** The rules of `<dir>/.dockerignore`, read as the Docker CLI does (comments, blank lines, "!" exceptions). */
export async function readDockerignore(dir: string): Promise<{ rules: Ignore; hasExceptions: boolean }> {
  const text = await readFile(join(dir, '.dockerignore'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const patterns = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return { rules: ignore().add(patterns), hasExceptions: patterns.some((p) => p.startsWith('!')) };
}

interface Walk {
  dir: string;
  rules: Ignore;
  hasExceptions: boolean;
  /** Always sent, even when ignored, as the CLI does: the engine needs them and drops them itself. */
  keep: Set<string>;
}

/** Reads exactly `size` bytes of a regular file (a file that shrank meanwhile is padded with zeros, one that grew is cut). */
async function* fileBytes(path: string, size: number): AsyncGenerator<Uint8Array> {
  // O_NOFOLLOW: a file swapped for a symlink after the directory was read is refused, not followed out of the root.
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    let left = size;
    while (left > 0) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, left));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) {
        yield new Uint8Array(left);
        return;
      }
      left -= bytesRead;
      yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function* entries(walk: Walk, rel: string): AsyncGenerator<Uint8Array> {
  const names = (await readdir(join(walk.dir, rel))).sort();
  for (const name of names) {
    const path = rel ? `${rel}/${name}` : name;
    const full = join(walk.dir, path);
    const st = await lstat(full);
    const ignored = !walk.keep.has(path) && walk.rules.ignores(path);
    const mtime = Math.floor(st.mtimeMs / 1000);
    const mode = st.mode & 0o7777;
    if (st.isDirectory()) {
      // An ignored folder is skipped whole unless an exception ("!") might bring back something inside it.
      if (ignored && !walk.hasExceptions && ![...walk.keep].some((k) => k.startsWith(`${path}/`))) continue;
      if (!ignored) yield tarHeader({ name: path, type: 'dir', mode, mtime });
      yield* entries(walk, path);
    } else if (ignored) {
      continue;
    } else if (st.isSymbolicLink()) {
      yield tarHeader({ name: path, type: 'symlink', linkname: await readlink(full), mode, mtime });
    } else if (st.isFile()) {
      yield tarHeader({ name: path, type: 'file', size: st.size, mode, mtime });
      yield* fileBytes(full, st.size);
      const pad = tarPadding(st.size);
      if (pad.length) yield pad;
    }
    // Sockets, fifos and devices cannot be part of an image's context; the CLI leaves them out too.
  }
}

/** A tar stream of `dir` (already resolved inside the allowed roots) for POST /build. */
export async function packContext(dir: string, dockerfile: string): Promise<Readable> {
  const dockerfileStat = await lstat(join(dir, dockerfile)).catch(() => null);
  if (!dockerfileStat || dockerfileStat.isDirectory()) {
    throw new BerthError('NOT_FOUND', `There is no Dockerfile at ${dockerfile} in ${dir}.`);
  }
  const { rules, hasExceptions } = await readDockerignore(dir);
  const walk: Walk = { dir, rules, hasExceptions, keep: new Set([dockerfile, '.dockerignore']) };
  async function* archive(): AsyncGenerator<Uint8Array> {
    yield* entries(walk, '');
    yield TAR_END;
  }
  return Readable.from(archive(), { objectMode: false, highWaterMark: CHUNK });
}
