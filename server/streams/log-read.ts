// Opens a container's whole log on its engine, with the streams and time range asked for: the common start of search and download.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { destroyOnAbort, openPlainStream } from '../engines/wire';
import { BerthError, toEngineError } from '../errors';
import { LogDecoder } from './log-decoder';
import { inspectForLogs, toEngineTime } from './logs';

export interface LogRange {
  since?: string;
  until?: string;
  stdout?: boolean;
  stderr?: boolean;
}

export interface OpenLog {
  name: string;
  stream: Readable;
  decoder: LogDecoder;
  /** Stops listening to the signal; the stream itself is the caller's to destroy. */
  release: () => void;
}

/** The engine's log from its first line (or `since`) to its end (or `until`), not followed; `signal` destroys it. */
export async function openLog(api: Docker, ref: string, range: LogRange, signal?: AbortSignal): Promise<OpenLog> {
  const stdout = range.stdout ?? true;
  const stderr = range.stderr ?? true;
  if (!stdout && !stderr) throw new BerthError('BAD_REQUEST', 'Choose stdout, stderr or both.');
  const { info, name } = await inspectForLogs(api, ref);
  const query: Record<string, unknown> = { stdout, stderr, timestamps: true, follow: false, tail: 'all' };
  if (range.since) query.since = toEngineTime(range.since);
  if (range.until) query.until = toEngineTime(range.until);
  let stream: Readable;
  try {
    stream = await openPlainStream(api, `/containers/${encodeURIComponent(info.Id)}/logs`, query, { 404: 'no such container' });
  } catch (err) {
    throw toEngineError(err, `container ${name}`, 'read the logs of');
  }
  const release = destroyOnAbort(stream, signal);
  return { name, stream, decoder: new LogDecoder({ tty: Boolean(info.Config?.Tty) }), release };
}
