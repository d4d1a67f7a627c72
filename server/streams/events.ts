// The engine's event stream (container start/die, image pull/delete, volume and network changes), resumable by time.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { destroyOnAbort, isEngineDown, jsonLines, openEngineStream, pause, retryDelay } from '../engines/wire';
import { BerthError, toEngineError } from '../errors';

export interface EngineEvent {
  /** "<timeNano>#<n>" */
  id: string;
  time: number;
  type: string;
  action: string;
  actorId: string;
  /** The object's name when the engine gives one (container, image, volume or network). */
  name: string;
  attributes: Record<string, string>;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

function nanoToSince(nano: string): string {
  const padded = nano.padStart(10, '0');
  return `${padded.slice(0, -9)}.${padded.slice(-9)}`;
}

export function toEvent(raw: RawEvent, id: string): EngineEvent {
  const attributes = raw.Actor?.Attributes ?? {};
  return {
    id,
    time: Math.floor((raw.timeNano ?? (raw.time ?? 0) * 1e9) / 1e6),
    type: raw.Type ?? '',
    action: raw.Action ?? '',
    actorId: raw.Actor?.ID ?? '',
    name: attributes.name ?? raw.Actor?.ID ?? '',
    attributes,
  };
}

interface Position {
  nano: string;
  /** Events already delivered with this exact timeNano, less one. */
  n: number;
}

/** One connection's events, skipping those at or before `after` (the engine's "since" is inclusive). */
async function* readEvents(stream: AsyncIterable<unknown>, after: Position | null): AsyncGenerator<EngineEvent> {
  let lastNano = '';
  let same = 0;
  let skipping = after !== null;
  for await (const raw of jsonLines<RawEvent>(stream)) {
    const nano = String(raw.timeNano ?? (raw.time ?? 0) * 1e9);
    if (nano === lastNano) same++;
    else {
      lastNano = nano;
      same = 0;
    }
    if (skipping && after) {
      const cmp = BigInt(nano) - BigInt(after.nano);
      if (cmp < 0n || (cmp === 0n && same <= after.n)) continue;
      skipping = false;
    }
    yield toEvent(raw, `${nano}#${same}`);
  }
}

/** The engine's clock when it answered, as "since": where a stream that had delivered nothing yet picks up again. */
function engineNow(stream: IncomingMessage): string {
  const date = Date.parse(stream.headers.date ?? '');
  return String(Math.floor((Number.isFinite(date) ? date : Date.now()) / 1000));
}

/**
 * The engine's events until `signal` aborts. When the engine goes away (restart, lost connection) the stream
 * waits for it and reopens after the last event delivered, so a subscriber sees each event the engine holds once.
 */
export async function* streamEvents(api: Docker, opts: { since?: string; lastEventId?: string; signal?: AbortSignal } = {}): AsyncGenerator<EngineEvent> {
  // "~k" marks Berth's own events (server/streams/task-events.ts): they resume from the engine event before them.
  const resume = opts.lastEventId ? /^(\d+)#(\d+)(?:~[0-9a-z]+)?$/.exec(opts.lastEventId) : null;
  if (opts.lastEventId && !resume) throw new BerthError('BAD_REQUEST', `"${opts.lastEventId}" is not an event position Berth gave out.`);
  let position: Position | null = resume ? { nano: resume[1]!, n: Number(resume[2]) } : null;
  let since = opts.since;
  let connected = false;
  let attempt = 0;
  while (!opts.signal?.aborted) {
    let stream: IncomingMessage;
    try {
      stream = await openEngineStream(api, '/events', position ? { since: nanoToSince(position.nano) } : since ? { since } : {}, { 400: 'bad parameter' });
    } catch (err) {
      const error = toEngineError(err, 'the events', 'read');
      // A first refusal is the subscriber's to see; once streaming, a missing engine is waited for.
      if (!connected || !isEngineDown(error)) throw error;
      await pause(retryDelay(attempt++), opts.signal);
      continue;
    }
    if (!connected && !position) since ??= engineNow(stream);
    connected = true;
    attempt = 0;
    const release = destroyOnAbort(stream, opts.signal);
    try {
      for await (const event of readEvents(stream, position)) {
        const [nano, n] = event.id.split('#');
        position = { nano: nano!, n: Number(n) };
        yield event;
      }
    } catch (err) {
      if (opts.signal?.aborted) return;
      const error = toEngineError(err, 'the events', 'read');
      if (!isEngineDown(error)) throw error;
    } finally {
      release();
      stream.destroy();
    }
    // The engine ended the stream: it is stopping or restarting. Reconnect once it answers again.
    await pause(retryDelay(0), opts.signal);
  }
}
