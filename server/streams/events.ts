// The engine's event stream (container start/die, image pull/delete, volume and network changes), resumable by time.
import type Docker from 'dockerode';
import { EngineError, toEngineError } from '../errors';
import { destroyOnAbort, openEngineStream } from './engine-stream';
import { jsonLines } from './stats';

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

export async function* streamEvents(api: Docker, opts: { since?: string; lastEventId?: string; signal?: AbortSignal } = {}): AsyncGenerator<EngineEvent> {
  const resume = opts.lastEventId ? /^(\d+)#(\d+)$/.exec(opts.lastEventId) : null;
  if (opts.lastEventId && !resume) throw new EngineError('BAD_REQUEST', `"${opts.lastEventId}" is not an event position Berth gave out.`);
  const query: Record<string, unknown> = {};
  if (resume) query.since = nanoToSince(resume[1]!);
  else if (opts.since) query.since = opts.since;
  let stream;
  try {
    stream = await openEngineStream(api, '/events', query, { 400: 'bad parameter' });
  } catch (err) {
    throw toEngineError(err, 'the events', 'read');
  }
  const release = destroyOnAbort(stream, opts.signal);
  let lastNano = '';
  let same = 0;
  let skipping = resume !== null;
  try {
    for await (const raw of jsonLines<RawEvent>(stream)) {
      const nano = String(raw.timeNano ?? (raw.time ?? 0) * 1e9);
      if (nano === lastNano) same++;
      else {
        lastNano = nano;
        same = 0;
      }
      if (skipping && resume) {
        const cmp = BigInt(nano) - BigInt(resume[1]!);
        if (cmp < 0n || (cmp === 0n && same <= Number(resume[2]))) continue;
        skipping = false;
      }
      yield toEvent(raw, `${nano}#${same}`);
    }
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw toEngineError(err, 'the events', 'read');
  } finally {
    release();
    stream.destroy();
  }
}
