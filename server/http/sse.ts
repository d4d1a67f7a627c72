// Plain SSE for every subscription at /api/trpc/<procedure>, in tRPC's event format, written straight to the
// socket: strings go out without a per-event encoding pipeline, and a slow reader pauses the stream (backpressure).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AnyTRPCProcedure, callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape, isTrackedEnvelope } from '@trpc/server';
import type { Context } from '../context';
import { BerthError } from '../errors';
import { appRouter } from '../routers/_app';
import { EncodedJson } from '../streams/log-json';

const PING_MS = 10_000;

// No public API tells a procedure's kind by its path: at run time tRPC keeps a router's procedures flat, by
// their dotted path, in `_def.procedures` (its type shows the nesting). This file is the one place that relies on it.
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>;

/** Whether this path names a subscription (the router keeps its procedures by their dotted path). */
export function isSubscription(path: string): boolean {
  return Object.hasOwn(PROCEDURES, path) && PROCEDURES[path]?._def.type === 'subscription';
}

const DATA = Buffer.from('data: ');

/** One event's text; a value encoded once already (a log batch) is written as its bytes, without a copy. */
function eventOf(value: unknown): string | Buffer[] {
  if (!isTrackedEnvelope(value)) return `data: ${JSON.stringify(value)}\n\n`;
  const [id, data] = value;
  if (data instanceof EncodedJson) return [DATA, ...data.parts, Buffer.from(`\nid: ${id}\n\n`)];
  return `data: ${JSON.stringify(data)}\nid: ${id}\n\n`;
}

/** Writes, and waits while the socket holds more than its high-water mark: one event per stream is all that queues. */
function write(res: ServerResponse, event: string | Buffer[]): Promise<void> | void {
  let room: boolean;
  if (typeof event === 'string') room = res.write(event);
  else {
    // One writev for the whole event.
    res.cork();
    room = true;
    for (const part of event) room = res.write(part) && room;
    res.uncork();
  }
  if (room) return;
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

export async function serveSubscription(req: IncomingMessage, res: ServerResponse, path: string, url: URL, ctx: Context): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  let input: unknown;
  try {
    const raw = url.searchParams.get('input');
    input = raw === null ? undefined : JSON.parse(raw);
  } catch {
    input = Symbol('unreadable');
  }
  const lastEventId = (req.headers['last-event-id'] as string | undefined) ?? url.searchParams.get('lastEventId') ?? undefined;
  if (lastEventId && input !== null && typeof input === 'object') input = { ...input, lastEventId };

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(`event: connected\ndata: ${JSON.stringify({ reconnectAfterInactivityMs: 25_000 })}\n\n`);
  const ping = setInterval(() => res.write('event: ping\ndata: \n\n'), PING_MS);
  try {
    if (typeof input === 'symbol') throw new BerthError('INVALID_INPUT', 'The input is not valid JSON.');
    const iterable = (await callTRPCProcedure({ router: appRouter, path, getRawInput: async () => input, ctx, type: 'subscription', signal: abort.signal, batchIndex: 0 })) as AsyncIterable<unknown>;
    for await (const value of iterable) {
      if (abort.signal.aborted) break;
      await write(res, eventOf(value));
    }
    if (!abort.signal.aborted) res.write('event: return\ndata: \n\n');
  } catch (cause) {
    if (!abort.signal.aborted) {
      const error = getTRPCErrorFromUnknown(cause);
      const shape = getTRPCErrorShape({ config: appRouter._def._config, error, type: 'subscription', path, input, ctx });
      res.write(`event: serialized-error\ndata: ${JSON.stringify(shape)}\n\n`);
    }
  } finally {
    clearInterval(ping);
    res.end();
  }
}
