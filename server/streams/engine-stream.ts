// Opens a streaming GET on an engine (logs, stats, events) through docker-modem, so every transport works.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { EngineError } from '../errors';

interface Dialer {
  dial(opts: Record<string, unknown>, cb: (err: unknown, stream: unknown) => void): void;
}

/** The engine's response body as a stream; the caller destroys it (abort, end of subscription). */
export function openEngineStream(api: Docker, path: string, query: Record<string, unknown>, statusCodes: Record<number, string | boolean>): Promise<IncomingMessage> {
  const modem = api.modem as unknown as Dialer;
  return new Promise((resolve, reject) => {
    modem.dial({ path: `${path}?`, method: 'GET', options: query, isStream: true, statusCodes: { 200: true, ...statusCodes } }, (err, stream) =>
      err ? reject(err) : resolve(stream as IncomingMessage),
    );
  });
}

/** Pauses between attempts to reach an engine that went away: quick at first (a restart), then every 2 s. */
const RETRY_MS = [100, 250, 500, 1000, 2000];

export function retryDelay(attempt: number): number {
  return RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
}

/** Whether `err` says the engine could not be reached (stopped, restarting, network), so a later try may work. */
export function isEngineDown(err: unknown): boolean {
  return err instanceof EngineError && (err.code === 'UNREACHABLE' || err.code === 'TIMEOUT');
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

/** Destroys `stream` when `signal` aborts; returns a function that removes the listener. */
export function destroyOnAbort(stream: { destroy(): void }, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => {};
  const onAbort = () => stream.destroy();
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/**
 * Reads a stream as bursts: everything already buffered comes out together, so a fast producer gives few large
 * batches and a slow one gives small, immediate ones. Stops pulling while the consumer is busy (backpressure).
 */
export async function* bursts(stream: NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean }): AsyncGenerator<Buffer[]> {
  const readable = stream as import('node:stream').Readable;
  for (;;) {
    const burst: Buffer[] = [];
    let chunk: Buffer | null;
    while ((chunk = readable.read() as Buffer | null) !== null) burst.push(chunk);
    if (burst.length) {
      yield burst;
      continue;
    }
    if (readable.readableEnded || readable.destroyed) return;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        readable.off('readable', done);
        readable.off('end', done);
        readable.off('close', done);
        readable.off('error', fail);
        resolve();
      };
      const fail = (err: Error) => {
        done();
        reject(err);
      };
      readable.once('readable', done);
      readable.once('end', done);
      readable.once('close', done);
      readable.once('error', fail);
    });
  }
}
