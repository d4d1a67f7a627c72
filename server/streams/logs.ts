// A container's log as batches of whole lines in columns, each batch with a resumable id (timestamp and position).
import type Docker from 'dockerode';
import { containerName } from '../docker/container-name';
import { chunkBursts, destroyOnAbort, openPlainStream } from '../engines/wire';
import { BerthError, toEngineError } from '../errors';
import { LogDecoder, type LineSink } from './log-decoder';
import { type EncodedJson, type LogColumns, LogBatchWriter } from './log-json';

export type { LogColumns } from './log-json';

export interface LogBatch {
  /** "<timestamp>#<n>" of the batch's last line: the n-th line stamped with this exact timestamp; resume ids. */
  id: string;
  /** The lines in columns, encoded once. */
  lines: EncodedJson<LogColumns>;
}

export interface LogOptions {
  tail?: number | 'all';
  since?: string;
  until?: string;
  follow?: boolean;
  lastEventId?: string;
  maxLineBytes?: number;
  /** Most lines sent in one event. */
  batchLines?: number;
  /** Most bytes of engine stream read into one event (a long line may go over). */
  batchBytes?: number;
  signal?: AbortSignal;
}

/** A busy log gathers this long between events: thousands of small engine writes a second become a few large events. */
const GATHER_MS = 4;

const ID = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)#(\d+)$/;

/** RFC 3339 (UTC) or Unix seconds → the engine's "seconds.nanoseconds" form. */
export function toEngineTime(value: string): string {
  if (/^\d+(\.\d{1,9})?$/.test(value)) return value;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) throw new BerthError('BAD_REQUEST', `"${value}" is not a time: use RFC 3339 (2024-05-01T10:00:00Z) or Unix seconds.`);
  const seconds = Math.floor(Date.parse(`${m[1]}${m[3]}`) / 1000);
  if (!Number.isFinite(seconds)) throw new BerthError('BAD_REQUEST', `"${value}" is not a valid time.`);
  return `${seconds}.${(m[2] ?? '').padEnd(9, '0')}`;
}

export function parseLogId(id: string): { ts: string; n: number } | null {
  const m = ID.exec(id);
  return m ? { ts: m[1]!, n: Number(m[2]) } : null;
}

/** The container whose log is about to be read, and its name: a missing one fails with the logs' own sentence. */
export async function inspectForLogs(api: Docker, ref: string): Promise<{ info: Docker.ContainerInspectInfo; name: string }> {
  try {
    const info = await api.getContainer(ref).inspect();
    return { info, name: containerName(info.Name) };
  } catch (err) {
    throw toEngineError(err, `container ${ref}`, 'read the logs of');
  }
}

export async function* streamLogs(api: Docker, ref: string, opts: LogOptions = {}): AsyncGenerator<LogBatch> {
  const { info, name } = await inspectForLogs(api, ref);
  const resume = opts.lastEventId ? parseLogId(opts.lastEventId) : null;
  if (opts.lastEventId && !resume) throw new BerthError('BAD_REQUEST', `"${opts.lastEventId}" is not a log position Berth gave out.`);
  const query: Record<string, unknown> = {
    stdout: true,
    stderr: true,
    timestamps: true,
    follow: opts.follow ?? false,
    tail: resume ? 'all' : String(opts.tail ?? 'all'),
  };
  const since = resume ? resume.ts : opts.since;
  if (since) query.since = toEngineTime(since);
  if (opts.until) query.until = toEngineTime(opts.until);

  let stream;
  try {
    stream = await openPlainStream(api, `/containers/${encodeURIComponent(info.Id)}/logs`, query, { 404: 'no such container' });
  } catch (err) {
    throw toEngineError(err, `container ${name}`, 'read the logs of');
  }
  const release = destroyOnAbort(stream, opts.signal);
  const decoder = new LogDecoder({ tty: Boolean(info.Config?.Tty), maxLineBytes: opts.maxLineBytes });
  const maxLines = opts.batchLines ?? 5000;
  const maxBytes = opts.batchBytes ?? 64 * 1024;
  let lastTs = '';
  let sameTs = 0;
  let skipping = resume !== null;
  const batch = new LogBatchWriter();

  const sink: LineSink = (stream, stamp, bytes, start, end, cut) => {
    if (stamp === lastTs) sameTs++;
    else {
      lastTs = stamp;
      sameTs = 0;
    }
    if (skipping && resume) {
      // The engine's "since" is inclusive: drop what the client already has.
      if (stamp < resume.ts || (stamp === resume.ts && sameTs <= resume.n)) return;
      skipping = false;
    }
    batch.add(stream, stamp, bytes, start, end, cut);
  };

  /** Every line after the skipped ones is kept, so the last line seen is the batch's last. */
  const take = (): LogBatch => ({ id: `${lastTs}#${sameTs}`, lines: batch.take() });

  try {
    for await (const burst of chunkBursts(stream, maxBytes, GATHER_MS)) {
      let bytes = 0;
      for (const chunk of burst) {
        decoder.push(chunk, sink);
        bytes += chunk.length;
        if (batch.count >= maxLines || bytes >= maxBytes) {
          if (batch.count) yield take();
          bytes = 0;
        }
      }
      if (batch.count) yield take();
    }
    decoder.end(sink);
    if (batch.count) yield take();
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw toEngineError(err, `container ${name}`, 'read the logs of');
  } finally {
    release();
    stream.destroy();
  }
}
