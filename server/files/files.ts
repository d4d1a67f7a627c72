// A container's files through the engine's archive API (works on stopped containers and images without `ls`):
// list a folder, read and write a small text file, stream a download, and put uploaded files into a folder.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { TAR_END, tarHeader, tarPadding } from '../../lib/tar';
import { containerName } from '../docker/container-name';
import { BerthError, engineMessage, toEngineError } from '../errors';
import { baseName, containerPath, entryName, joinPath } from './paths';
import { type TarHeader, tarEvents } from './tar-read';

export interface FileEntry {
  name: string;
  type: TarHeader['type'];
  size: number;
  /** Permission bits and setuid/setgid/sticky, as ls shows them. */
  mode: number;
  owner: string;
  mtime: number;
  linkTarget?: string;
}

export interface FolderListing {
  path: string;
  entries: FileEntry[];
  /** True when the listing stopped early (very large folders); some entries are then missing. */
  partial: boolean;
}

/** A folder's listing stops after this many entries, or after reading its whole subtree for this long. */
const MAX_ENTRIES = 20_000;
const MAX_LIST_MS = 20_000;
/** The largest file shown or edited in the browser. */
export const VIEW_MAX_BYTES = 1 << 20;

async function containerOf(api: Docker, id: string): Promise<{ id: string; name: string }> {
  try {
    const info = await api.getContainer(id).inspect();
    return { id: info.Id, name: containerName(info.Name) };
  } catch (err) {
    throw toEngineError(err, `container ${id}`, 'read the files of');
  }
}

/** The engine's refusal for a path, as a sentence that names it; the container is known to exist. */
function pathError(err: unknown, path: string, name: string, action: string): BerthError {
  const status = (err as { statusCode?: number }).statusCode;
  const detail = engineMessage(err);
  if (status === 404) return new BerthError('NOT_FOUND', `${path} does not exist in container ${name}.`, { cause: err });
  if (/read-only/i.test(detail)) return new BerthError('CONFLICT', `Container ${name} has a read-only root file system: Berth cannot write to ${path}.`, { cause: err });
  if (/not a directory/i.test(detail)) return new BerthError('BAD_REQUEST', `${path} in container ${name} is not a folder.`, { cause: err });
  return toEngineError(err, `${path} in container ${name}`, action);
}

async function archive(api: Docker, id: string, name: string, path: string, fetchPath = path): Promise<Readable> {
  try {
    return (await api.getContainer(id).getArchive({ path: fetchPath })) as unknown as Readable;
  } catch (err) {
    throw pathError(err, path, name, 'read');
  }
}

function toEntry(h: TarHeader, name: string): FileEntry {
  return { name, type: h.type, size: h.size, mode: h.mode & 0o7777, owner: h.owner || String(h.uid), mtime: h.mtime, ...(h.type === 'symlink' || h.type === 'hardlink' ? { linkTarget: h.linkname } : {}) };
}

export async function listFolder(api: Docker, id: string, rawPath: string): Promise<FolderListing> {
  const path = containerPath(rawPath);
  const c = await containerOf(api, id);
  // "dir/." lists the folder's content and follows a symlinked folder to its target.
  const stream = await archive(api, c.id, c.name, path, path === '/' ? '/' : `${path}/.`);
  const entries: FileEntry[] = [];
  let root: string | null = null;
  let partial = false;
  const started = Date.now();
  try {
    for await (const e of tarEvents(stream)) {
      if (e.kind !== 'header') continue;
      const full = e.header.name;
      if (root === null) {
        if (e.header.type !== 'dir') throw new BerthError('BAD_REQUEST', `${path} in container ${c.name} is not a folder.`);
        root = full.endsWith('/') ? full : `${full}/`;
        continue;
      }
      if (!full.startsWith(root)) continue;
      const rest = full.slice(root.length).replace(/\/$/, '');
      if (!rest || rest.includes('/')) continue;
      entries.push(toEntry(e.header, rest));
      if (entries.length >= MAX_ENTRIES || Date.now() - started > MAX_LIST_MS) {
        partial = true;
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  if (root === null) throw new BerthError('NOT_FOUND', `${path} does not exist in container ${c.name}.`);
  entries.sort((a, b) => Number(b.type === 'dir') - Number(a.type === 'dir') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { path, entries, partial };
}

export interface TextFile {
  path: string;
  size: number;
  mode: number;
  mtime: number;
  /** Null when the file is binary or too large to show; `reason` says which. */
  text: string | null;
  reason?: 'binary' | 'too-large';
}

/** Reads one file's first entry; bodies past `VIEW_MAX_BYTES` are not kept. */
export async function readTextFile(api: Docker, id: string, rawPath: string): Promise<TextFile> {
  const path = containerPath(rawPath);
  const c = await containerOf(api, id);
  const stream = await archive(api, c.id, c.name, path);
  let header: TarHeader | null = null;
  const chunks: Buffer[] = [];
  let kept = 0;
  try {
    for await (const e of tarEvents(stream)) {
      if (e.kind === 'header') {
        if (header) break;
        header = e.header;
        if (header.type === 'dir') throw new BerthError('BAD_REQUEST', `${path} in container ${c.name} is a folder, not a file.`);
        if (header.type !== 'file' || header.size > VIEW_MAX_BYTES) break;
      } else {
        chunks.push(e.chunk);
        kept += e.chunk.length;
      }
    }
  } finally {
    stream.destroy();
  }
  if (!header) throw new BerthError('NOT_FOUND', `${path} does not exist in container ${c.name}.`);
  const base = { path, size: header.size, mode: header.mode & 0o7777, mtime: header.mtime };
  if (header.type === 'symlink') return { ...base, text: null, reason: 'binary' };
  if (header.size > VIEW_MAX_BYTES) return { ...base, text: null, reason: 'too-large' };
  const bytes = Buffer.concat(chunks, kept);
  if (bytes.subarray(0, 8192).includes(0)) return { ...base, text: null, reason: 'binary' };
  try {
    return { ...base, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ...base, text: null, reason: 'binary' };
  }
}

async function* oneFileTar(name: string, size: number, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: { mode?: number; uid?: number; gid?: number } = {}): AsyncGenerator<Uint8Array> {
  yield tarHeader({ name, type: 'file', size, mode: opts.mode ?? 0o644, mtime: Math.floor(Date.now() / 1000), uid: opts.uid, gid: opts.gid });
  let sent = 0;
  for await (const chunk of body) {
    sent += chunk.length;
    if (sent > size) throw new BerthError('BAD_REQUEST', 'The upload is longer than it said it would be; nothing was written.');
    yield chunk;
  }
  if (sent !== size) throw new BerthError('BAD_REQUEST', 'The upload was cut off before it ended.');
  yield tarPadding(size);
  yield TAR_END;
}

async function put(api: Docker, c: { id: string; name: string }, dir: string, tar: AsyncIterable<Uint8Array>, copyOwner: boolean): Promise<void> {
  const { Readable } = await import('node:stream');
  const source = Readable.from(tar, { objectMode: false });
  let failure: unknown;
  source.once('error', (err) => (failure = err));
  try {
    await api.getContainer(c.id).putArchive(source as unknown as NodeJS.ReadableStream, { path: dir, noOverwriteDirNonDir: true, ...(copyOwner ? { copyUIDGID: true } : {}) } as never);
  } catch (err) {
    throw failure instanceof BerthError ? failure : pathError(err, dir, c.name, 'write to');
  }
  if (failure) throw failure;
}

/** Puts one file of `size` bytes into the folder `dir`, streamed: it is never held whole in Berth's memory. */
export async function uploadFile(api: Docker, id: string, rawDir: string, rawName: string, size: number, body: AsyncIterable<Uint8Array>): Promise<{ path: string }> {
  const dir = containerPath(rawDir);
  const name = entryName(rawName);
  const c = await containerOf(api, id);
  await put(api, c, dir, oneFileTar(name, size, body), false);
  return { path: joinPath(dir, name) };
}

/** Saves text over a file, keeping its mode and owner. */
export async function writeTextFile(api: Docker, id: string, rawPath: string, text: string): Promise<{ path: string; size: number }> {
  const path = containerPath(rawPath);
  if (path === '/') throw new BerthError('BAD_REQUEST', '/ is a folder, not a file.');
  const c = await containerOf(api, id);
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > VIEW_MAX_BYTES) throw new BerthError('PAYLOAD_TOO_LARGE', `Berth edits files of at most ${VIEW_MAX_BYTES / 1024} KiB.`);
  let mode = 0o644;
  let uid = 0;
  let gid = 0;
  const stream = await archive(api, c.id, c.name, path);
  try {
    for await (const e of tarEvents(stream)) {
      if (e.kind !== 'header') continue;
      if (e.header.type !== 'file') throw new BerthError('BAD_REQUEST', `${path} in container ${c.name} is not a regular file.`);
      ({ uid, gid } = e.header);
      mode = e.header.mode & 0o7777;
      break;
    }
  } finally {
    stream.destroy();
  }
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  await put(api, c, dir, oneFileTar(baseName(path), bytes.length, [bytes], { mode, uid, gid }), true);
  return { path, size: bytes.length };
}

/** What a download sends: a file's own bytes, or a folder (or anything else) as the engine's tar. */
export interface Download {
  filename: string;
  type: 'file' | 'tar';
  size?: number;
  body: AsyncIterable<Uint8Array>;
  /** A folder's tar straight from the engine, for piping without another layer. */
  stream?: Readable;
  cancel(): void;
}

/** The engine's stat of a path (HEAD /archive): whether it is a folder, without reading any of it. */
async function isFolder(api: Docker, c: { id: string; name: string }, path: string): Promise<boolean> {
  let res: { headers?: Record<string, string> };
  try {
    res = (await api.getContainer(c.id).infoArchive({ path })) as unknown as { headers?: Record<string, string> };
  } catch (err) {
    throw pathError(err, path, c.name, 'read');
  }
  try {
    const stat = JSON.parse(Buffer.from(res.headers?.['x-docker-container-path-stat'] ?? '', 'base64').toString('utf8')) as { mode?: number };
    // Go's os.ModeDir is the top bit of the mode.
    return ((stat.mode ?? 0) & 0x80000000) !== 0;
  } catch {
    return false;
  }
}

export async function download(api: Docker, id: string, rawPath: string): Promise<Download> {
  const path = containerPath(rawPath);
  const c = await containerOf(api, id);
  const name = path === '/' ? 'root' : baseName(path);
  if (await isFolder(api, c, path)) {
    const tar = await archive(api, c.id, c.name, path);
    return { filename: `${name}.tar`, type: 'tar', body: tar, stream: tar, cancel: () => tar.destroy() };
  }
  const stream = await archive(api, c.id, c.name, path);
  const events = tarEvents(stream);
  const first = await events.next();
  if (first.done || first.value.kind !== 'header') {
    stream.destroy();
    throw new BerthError('NOT_FOUND', `${path} does not exist in container ${c.name}.`);
  }
  const h = first.value.header;
  if (h.type === 'file') {
    return {
      filename: name,
      type: 'file',
      size: h.size,
      cancel: () => stream.destroy(),
      body: (async function* () {
        try {
          for await (const e of events) {
            if (e.kind === 'header') break;
            yield e.chunk;
          }
        } finally {
          stream.destroy();
        }
      })(),
    };
  }
  // The folder's tar as the engine made it: opened again, since the first header was already read from this one.
  stream.destroy();
  const again = await archive(api, c.id, c.name, path);
  return { filename: `${name}.tar`, type: 'tar', body: again, cancel: () => again.destroy() };
}
