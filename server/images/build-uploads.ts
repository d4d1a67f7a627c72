// Build contexts uploaded from the browser: temp files, each owned by the admin who sent it, used by one build and
// then deleted (or deleted unused after a while).
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthError } from '../errors';

/** An upload not built from within this time is deleted. */
const UNUSED_MS = 15 * 60_000;
const DEFAULT_MAX_BYTES = 1024 ** 3;

interface Upload {
  file: string;
  owner: string;
  timer: NodeJS.Timeout;
}

const uploads = new Map<string, Upload>();
let cleanupRegistered = false;

/** Where this process keeps uploads: its own folder, owner-only, so nothing else reads or plants contexts there. */
export function uploadDir(): string {
  const dir = join(tmpdir(), `berth-build-uploads-${process.pid}`);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    // Uploads never built from are not left behind when Berth exits.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The largest upload accepted: BERTH_BUILD_UPLOAD_MAX bytes, 1 GiB by default. */
export function uploadLimit(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BERTH_BUILD_UPLOAD_MAX);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

/** A new upload's id and the file to write it to; it is not usable until `commitUpload`. */
export function newUpload(): { id: string; file: string } {
  const id = randomUUID();
  return { id, file: join(uploadDir(), `${id}.tar`) };
}

export function commitUpload(id: string, file: string, owner: string): void {
  const timer = setTimeout(() => discardUpload(id), UNUSED_MS);
  timer.unref();
  uploads.set(id, { file, owner, timer });
}

export function discardUpload(id: string): void {
  const u = uploads.get(id);
  if (!u) return;
  uploads.delete(id);
  clearTimeout(u.timer);
  rmSync(u.file, { force: true });
}

/** Hands an upload to one build, which deletes the file when it ends; a second build of the same id finds nothing. */
export function takeUpload(id: string, user: string): string {
  const u = uploads.get(id);
  if (!u || u.owner !== user) throw new BerthError('NOT_FOUND', 'That uploaded build context is gone (used by a build already, or expired): upload it again.');
  uploads.delete(id);
  clearTimeout(u.timer);
  return u.file;
}
