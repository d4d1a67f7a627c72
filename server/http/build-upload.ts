// POST /api/build-context: a build context (a tar, from a picked folder or a file) streamed to a temp file, capped,
// for one later images.build. Host, origin and sign-in were checked by the guard in front, like every /api route.
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BerthError } from '../errors';
import { commitUpload, newUpload, uploadLimit } from '../images/build-uploads';
import type { User } from '../store/principal';
import { send, sendError } from './respond';

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GiB` : `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** Refuses with a 413 and closes the connection: whatever the client still sends is not read. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const error = new BerthError('PAYLOAD_TOO_LARGE', `A build context may be at most ${sizeText(limit)} (BERTH_BUILD_UPLOAD_MAX); leave large files out with a .dockerignore.`);
  sendError(res, error, { connection: 'close' });
  // The socket ends once the answer is out, so the client reads the sentence instead of a reset connection.
  res.once('finish', () => setTimeout(() => req.socket.destroy(), 50).unref());
}

export async function receiveBuildContext(req: IncomingMessage, res: ServerResponse, user: User): Promise<void> {
  if (user.role !== 'admin' || user.scope) {
    sendError(res, new BerthError('FORBIDDEN', 'Only an admin can build images.'));
    return;
  }
  if (req.method !== 'POST') {
    sendError(res, new BerthError('BAD_REQUEST', 'Send the build context with POST.'), { allow: 'POST' });
    return;
  }
  const limit = uploadLimit();
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    refuseTooLarge(req, res, limit);
    return;
  }
  const { id, file } = newUpload();
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  let received = 0;
  const outcome = await new Promise<'ok' | 'too-large' | 'failed'>((resolve) => {
    let settled = false;
    const finish = (result: 'ok' | 'too-large' | 'failed') => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(result);
    };
    // Counted as it arrives, so a chunked body without a length is cut off at the cap, not after it was stored.
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        req.pause();
        finish('too-large');
      } else if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => out.end(() => finish('ok')));
    req.once('error', () => finish('failed'));
    req.once('close', () => {
      if (!req.complete) finish('failed');
    });
    out.once('error', () => finish('failed'));
  });
  if (outcome !== 'ok' || !out.writableFinished) {
    // The file is removed only once it is closed: a destroy before the open completed would otherwise leave it behind.
    if (!out.closed) await new Promise<void>((done) => out.once('close', () => done()).destroy());
    rmSync(file, { force: true });
    if (outcome === 'too-large') refuseTooLarge(req, res, limit);
    else if (!res.headersSent && !res.destroyed) sendError(res, new BerthError('BAD_REQUEST', 'The upload was cut off before it ended; nothing was kept.'));
    return;
  }
  commitUpload(id, file, user.name);
  send(res, 200, JSON.stringify({ uploadId: id, bytes: received }), 'application/json');
}
