// What Berth says to an engine over its connection itself: lean JSON GETs, streamed bodies read in bursts or JSON lines, and redialing.
import { request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { BerthError } from '../errors';
import { guardedRequest } from './guard';

interface Modem {
  socketPath?: string;
  dial(opts: Record<string, unknown>, cb: (err: unknown, data: unknown) => void): void;
}

const modemOf = (api: Docker): Modem => api.modem as unknown as Modem;

/**
 * GET `path` on the engine and parse the JSON body; errors look like docker-modem's (statusCode, json).
 * Hot list endpoints go straight over the unix socket when there is one, which skips docker-modem's overhead.
 */
export function getJson<T>(api: Docker, path: string): Promise<T> {
  const modem = modemOf(api);
  const socketPath = modem.socketPath;
  if (!socketPath) {
    return new Promise((resolve, reject) => {
      modem.dial({ path, method: 'GET', statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' }, options: {} }, (err, data) =>
        err ? reject(err) : resolve(data as T),
      );
    });
  }
  return guardedRequest<T>(api, 'GET', path, (signal, done) => {
    const req = request({ socketPath, path, method: 'GET', headers: { accept: 'application/json' }, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', done);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = { message: text };
        }
        if (res.statusCode === 200) done(null, json);
        else done(Object.assign(new Error((json as { message?: string }).message ?? `HTTP ${res.statusCode}`), { statusCode: res.statusCode, json }));
      });
    });
    req.on('error', done);
    req.end();
  });
}

/**
 * A streaming GET (logs, stats, events) through docker-modem, so every transport works. The caller destroys the
 * body it gets (abort, end of subscription).
 */
export function openEngineStream(api: Docker, path: string, query: Record<string, unknown>, statusCodes: Record<number, string | boolean>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    modemOf(api).dial({ path: `${path}?`, method: 'GET', options: query, isStream: true, statusCodes: { 200: true, ...statusCodes } }, (err, stream) =>
      err ? reject(err) : resolve(stream as IncomingMessage),
    );
  });
}

/** How long a plain stream may wait for the engine's status line and headers. */
const HEADERS_DEADLINE_MS = 30_000;
/** Most bytes of headers, or of an error's body, read from an engine. */
const MAX_HEAD_BYTES = 64 * 1024;

function queryString(query: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * A streaming GET straight on a local engine's unix socket, in HTTP/1.0: the engine then writes the body as it is,
 * without HTTP/1.1's chunk framing, which for a log puts every line in a chunk of its own and costs the reader as
 * much as the rest of the read. Engines reached otherwise (TCP, TLS, ssh) go through openEngineStream. Redirects are
 * not followed (an answer other than 200 is an error shaped like docker-modem's), and the headers have a deadline.
 */
export function openPlainStream(api: Docker, path: string, query: Record<string, unknown>, statusCodes: Record<number, string | boolean>): Promise<Readable> {
  const socketPath = modemOf(api).socketPath;
  if (!socketPath) return openEngineStream(api, path, query, statusCodes);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(socketPath);
    let head: Buffer = Buffer.alloc(0);
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(HEADERS_DEADLINE_MS, () => fail(new BerthError('TIMEOUT', `The engine at the socket ${socketPath} did not answer within ${HEADERS_DEADLINE_MS / 1000} s.`)));
    socket.once('error', fail);
    socket.once('connect', () => socket.write(`GET ${path}${queryString(query)} HTTP/1.0\r\nHost: docker\r\n\r\n`));
    const onHead = (chunk: Buffer) => {
      head = head.length ? Buffer.concat([head, chunk]) : chunk;
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) fail(new Error('The engine sent headers too long to read.'));
        return;
      }
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1', 0, Math.min(end, 64)))?.[1] ?? 0);
      const body = head.subarray(end + 4);
      socket.off('data', onHead);
      socket.pause();
      socket.setTimeout(0);
      if (status === 200) {
        settled = true;
        if (body.length) socket.unshift(body);
        resolve(socket);
        return;
      }
      // An error: its body is the engine's JSON message.
      const parts: Buffer[] = [body];
      let size = body.length;
      socket.on('data', (c: Buffer) => {
        if ((size += c.length) <= MAX_HEAD_BYTES) parts.push(c);
      });
      socket.once('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json: { message?: string };
        try {
          json = JSON.parse(text) as { message?: string };
        } catch {
          json = { message: text.trim() };
        }
        const reason = typeof statusCodes[status] === 'string' ? (statusCodes[status] as string) : 'unexpected answer';
        fail(Object.assign(new Error(`(HTTP code ${status}) ${reason} - ${json.message ?? ''}`), { statusCode: status, reason, json }));
      });
      socket.resume();
    };
    socket.on('data', onHead);
  });
}

/** Destroys `stream` when `signal` aborts; returns a function that removes the listener. */
export function destroyOnAbort(stream: { destroy(): void }, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => {};
  const onAbort = () => stream.destroy();
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/**
 * Everything that arrived since the last burst, handed out as the chunks came (never joined into one copy): a fast
 * producer gives few large bursts, a slow one small and immediate ones. The stream pauses once `highWater` bytes
 * wait for a busy consumer (backpressure to the engine). With `gatherMs`, a stream that is busy (its last burst went out
 * less than that long ago) gathers for up to `gatherMs` before the next small burst: a fast producer's many small
 * writes go out in a few large bursts, while a line after a quiet spell still goes at once.
 */
export async function* chunkBursts(stream: Readable, highWater: number, gatherMs = 0): AsyncGenerator<Buffer[]> {
  let chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let gathering = false;
  let lastBurst = -Infinity;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= highWater) stream.pause();
    if (!gathering || size >= highWater) notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (err: Error) => {
    failure = err;
    notify();
  };
  stream.on('data', onData);
  stream.once('end', onEnd);
  stream.once('close', onEnd);
  stream.once('error', onError);
  // A stream handed over paused (a plain stream read its headers first) starts flowing here.
  stream.resume();
  try {
    for (;;) {
      if (failure) throw failure;
      if (chunks.length) {
        if (gatherMs > 0 && size < highWater && !ended && performance.now() - lastBurst < gatherMs) {
          gathering = true;
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(notify, gatherMs);
          });
          clearTimeout(timer);
          gathering = false;
          if (failure) throw failure;
        }
        lastBurst = performance.now();
        const burst = chunks;
        chunks = [];
        size = 0;
        stream.resume();
        yield burst;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('close', onEnd);
    stream.off('error', onError);
  }
}

/** Splits a stream of newline-delimited JSON documents (stats, events). */
export async function* jsonLines<T>(stream: AsyncIterable<unknown>): AsyncGenerator<T> {
  let rest = '';
  for await (const chunk of stream) {
    rest += (chunk as Buffer).toString('utf8');
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl).trim();
      rest = rest.slice(nl + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
  if (rest.trim()) yield JSON.parse(rest) as T;
}

/** Pauses between attempts to reach an engine that went away: quick at first (a restart), then every 2 s. */
const RETRY_MS = [100, 250, 500, 1000, 2000];

export function retryDelay(attempt: number): number {
  return RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
}

/** Whether `err` says the engine could not be reached (stopped, restarting, network), so a later try may work. */
export function isEngineDown(err: unknown): boolean {
  return err instanceof BerthError && (err.code === 'UNREACHABLE' || err.code === 'TIMEOUT');
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
