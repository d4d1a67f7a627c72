// What Berth says to an engine over its connection itself: lean JSON GETs, streamed bodies read in bursts or JSON lines, and redialing.
import { request, type IncomingMessage } from 'node:http';
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
 * wait for a busy consumer (backpressure to the engine).
 */
export async function* chunkBursts(stream: Readable, highWater: number): AsyncGenerator<Buffer[]> {
  let chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= highWater) stream.pause();
    notify();
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
  try {
    for (;;) {
      if (failure) throw failure;
      if (chunks.length) {
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
