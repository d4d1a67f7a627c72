// GET /api/logs/download: a container's whole log (or the time range and streams chosen) as a text file, streamed from
// the engine line by line, never held whole. Sign-in was checked in front; a share link reaches only its scope.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertInScope } from '../auth/scope';
import type { Services } from '../context';
import { engineName } from '../engines/engine-name';
import { BerthError } from '../errors';
import { objectRef } from '../routers/schemas';
import type { User } from '../store/principal';
import type { LineSink } from '../streams/log-decoder';
import { openLog } from '../streams/log-read';
import { toEngineTime } from '../streams/logs';
import { sendError } from './respond';

const NEWLINE = Buffer.from('\n');
const SPACE = Buffer.from(' ');

interface DownloadQuery {
  engine: string;
  id: string;
  since?: string;
  until?: string;
  stdout: boolean;
  stderr: boolean;
  timestamps: boolean;
}

function flag(url: URL, name: string, fallback: boolean): boolean {
  const v = url.searchParams.get(name);
  return v === null ? fallback : v === '1' || v === 'true';
}

function parse(url: URL): DownloadQuery {
  const engine = engineName.safeParse(url.searchParams.get('engine') ?? '');
  const id = objectRef.safeParse(url.searchParams.get('id') ?? '');
  if (!engine.success || !id.success) throw new BerthError('INVALID_INPUT', 'Say which engine and container: ?engine=…&id=….');
  const q: DownloadQuery = { engine: engine.data, id: id.data, stdout: flag(url, 'stdout', true), stderr: flag(url, 'stderr', true), timestamps: flag(url, 'timestamps', false) };
  for (const key of ['since', 'until'] as const) {
    const v = url.searchParams.get(key);
    if (v) {
      toEngineTime(v); // refuses what is not a time, with a sentence
      q[key] = v;
    }
  }
  if (!q.stdout && !q.stderr) throw new BerthError('INVALID_INPUT', 'Choose stdout, stderr or both.');
  return q;
}

/** "web-2026-12-01T10-00-00.log": the container and when, safe in any file system. */
function filename(name: string): string {
  const when = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${when}.log`;
}

export async function serveLogDownload(services: Services, req: IncomingMessage, res: ServerResponse, path: string, url: URL, user: User): Promise<void> {
  const closed = new AbortController();
  res.once('close', () => closed.abort());
  try {
    if (path !== '/api/logs/download' || (req.method !== 'GET' && req.method !== 'HEAD')) throw new BerthError('NOT_FOUND', `There is no API at ${path} for ${req.method}.`);
    const q = parse(url);
    if (user.scope) await assertInScope(user.scope, 'containers.logs', { engine: q.engine, id: q.id }, services.registry);
    const log = await openLog(services.registry.api(q.engine), q.id, q, closed.signal);
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${filename(log.name)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      log.stream.destroy();
      res.end();
      return;
    }
    let out: Buffer[] = [];
    // The engine's bytes as they are (colours included), one line per line the engine holds.
    const sink: LineSink = (_stream, ts, bytes, start, end) => {
      if (q.timestamps) out.push(Buffer.from(ts), SPACE);
      out.push(Buffer.from(bytes.subarray(start, end)), NEWLINE);
    };
    try {
      for await (const chunk of log.stream) {
        log.decoder.push(chunk as Buffer, sink);
        if (!out.length) continue;
        const ok = res.write(Buffer.concat(out));
        out = [];
        // A slow client pauses the engine read instead of filling memory.
        if (!ok) await once(res, 'drain', { signal: closed.signal });
      }
      log.decoder.end(sink);
      if (out.length) res.write(Buffer.concat(out));
      res.end();
    } finally {
      log.release();
      log.stream.destroy();
    }
  } catch (err) {
    if (closed.signal.aborted) return;
    const e = err instanceof BerthError ? err : new BerthError('ENGINE_ERROR', 'The log could not be read.', { cause: err });
    if (!res.headersSent) sendError(res, e);
    else res.destroy();
  }
}
