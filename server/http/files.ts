// GET /api/files/download and PUT /api/files/upload: a container's files streamed both ways, never held whole.
// Host, origin and sign-in were checked by the guard in front; downloads follow a share link's scope, uploads are
// for admins and audited.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertInScope } from '../auth/scope';
import type { Services } from '../context';
import { engineName } from '../engines/engine-name';
import { BerthError } from '../errors';
import { download, uploadFile } from '../files/files';
import { objectRef } from '../routers/schemas';
import type { User } from '../store/principal';
import { send, sendError } from './respond';

/** The largest single upload; the engine's archive API has no limit of its own. */
const UPLOAD_MAX = 8 * 1024 ** 3;

function target(url: URL): { engine: string; id: string; path: string } {
  const engine = engineName.safeParse(url.searchParams.get('engine') ?? '');
  const id = objectRef.safeParse(url.searchParams.get('id') ?? '');
  const path = url.searchParams.get('path') ?? '';
  if (!engine.success || !id.success || !path) throw new BerthError('INVALID_INPUT', 'Say which engine, container and path: ?engine=…&id=…&path=/….');
  return { engine: engine.data, id: id.data, path };
}

/** RFC 6266: an ASCII fallback and the UTF-8 name; control characters never reach the header. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function serveFiles(services: Services, req: IncomingMessage, res: ServerResponse, path: string, url: URL, user: User): Promise<void> {
  try {
    if (path === '/api/files/download' && (req.method === 'GET' || req.method === 'HEAD')) return await serveDownload(services, req, res, url, user);
    if (path === '/api/files/upload' && (req.method === 'PUT' || req.method === 'POST')) return await receiveUpload(services, req, res, url, user);
    sendError(res, new BerthError('NOT_FOUND', `There is no API at ${path} for ${req.method}.`));
  } catch (err) {
    const e = err instanceof BerthError ? err : new BerthError('ENGINE_ERROR', 'The transfer failed.', { cause: err });
    if (!res.headersSent) sendError(res, e, req.method === 'GET' ? {} : { connection: 'close' });
    else res.destroy();
  }
}

async function serveDownload(services: Services, req: IncomingMessage, res: ServerResponse, url: URL, user: User): Promise<void> {
  const t = target(url);
  if (user.scope) await assertInScope(user.scope, 'containers.files', { engine: t.engine, id: t.id }, services.registry);
  const d = await download(services.registry.api(t.engine), t.id, t.path);
  res.writeHead(200, {
    'content-type': d.type === 'tar' ? 'application/x-tar' : 'application/octet-stream',
    'content-disposition': disposition(d.filename),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(d.size !== undefined ? { 'content-length': String(d.size) } : {}),
  });
  if (req.method === 'HEAD') {
    d.cancel();
    res.end();
    return;
  }
  await pipeline(d.stream ?? Readable.from(d.body, { objectMode: false }), res).catch(() => d.cancel());
}

async function receiveUpload(services: Services, req: IncomingMessage, res: ServerResponse, url: URL, user: User): Promise<void> {
  const t = target(url);
  const name = url.searchParams.get('name') ?? '';
  const record = (result: 'ok' | 'error', detail: string | null) =>
    services.access.audit.record({ user: user.name, role: user.role, engine: t.engine, action: 'containers.upload', target: `${t.id}:${t.path}/${name}`.slice(0, 1000), result, detail, address: req.socket.remoteAddress ?? null });
  if (user.role !== 'admin' || user.scope) {
    record('error', 'Only an admin can upload files.');
    throw new BerthError('FORBIDDEN', 'Only an admin can upload files.');
  }
  const size = Number(req.headers['content-length']);
  if (!Number.isSafeInteger(size) || size < 0) throw new BerthError('BAD_REQUEST', 'Send the file with a Content-Length.');
  if (size > UPLOAD_MAX) throw new BerthError('PAYLOAD_TOO_LARGE', `A file may be at most ${UPLOAD_MAX / 1024 ** 3} GiB.`);
  try {
    const out = await uploadFile(services.registry.api(t.engine), t.id, t.path, name, size, req);
    record('ok', `${size} bytes`);
    send(res, 200, JSON.stringify({ path: out.path, bytes: size }), 'application/json');
  } catch (err) {
    record('error', err instanceof Error ? err.message.slice(0, 2000) : null);
    throw err;
  }
}
