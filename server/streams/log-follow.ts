// A followed container log that outlives engine restarts and container restarts, resuming after the last line sent.
import type Docker from 'dockerode';
import { toEngineError } from '../errors';
import { isEngineDown, pause, retryDelay } from '../engines/wire';
import { type LogBatch, type LogOptions, streamLogs } from './logs';

export type Next = 'reopen' | 'end';

/**
 * How long a stopped container that its engine would start again is watched before its log ends. A stopping
 * engine stops its containers while it still answers on open connections, for up to its shutdown timeout (15 s
 * by default); a container stopped by hand looks the same, and its log ends this much later.
 */
const SHUTDOWN_GRACE_MS = 20_000;

/** Whether the engine starts this stopped container again when the engine itself starts. */
function mayRestart(info: Docker.ContainerInspectInfo): boolean {
  const policy = info.HostConfig?.RestartPolicy?.Name ?? '';
  return policy === 'always' || policy === 'unless-stopped' || (policy === 'on-failure' && info.State.ExitCode !== 0);
}

/**
 * What the end of a followed log means. The engine ends it when the container stops, and when the engine
 * itself stops: a running or restarting container is followed again; a stopped or removed one ends the log; an
 * engine that cannot be reached is waited for until it answers or the subscriber leaves.
 */
async function afterEnd(api: Docker, ref: string, signal: AbortSignal | undefined): Promise<Next> {
  let graceEnds = 0;
  for (let attempt = 0; !signal?.aborted; attempt++) {
    try {
      const info = await api.getContainer(ref).inspect();
      if (info.State.Running || info.State.Restarting) return 'reopen';
      if (!mayRestart(info)) return 'end';
      graceEnds ||= Date.now() + SHUTDOWN_GRACE_MS;
      if (Date.now() > graceEnds) return 'end';
    } catch (err) {
      if (!isEngineDown(toEngineError(err, `container ${ref}`, 'read the logs of'))) return 'end';
      graceEnds = 0;
    }
    await pause(retryDelay(attempt), signal);
  }
  return 'end';
}

/** `streamLogs`, and with `follow` it keeps following across restarts; ids stay the engine's, so nothing repeats. */
export function followLogs(api: Docker, ref: string, opts: LogOptions = {}): AsyncGenerator<LogBatch> {
  return followBatches((again) => streamLogs(api, ref, again), () => afterEnd(api, ref, opts.signal), opts);
}

/**
 * A log read by `open` (container or service), reopened after the last batch delivered whenever the engine ends it,
 * until `afterEnd` says the log is over. `open` gets the options to read with: the resume id, or where a log that
 * has sent nothing yet picks up again.
 */
export async function* followBatches<B extends { id: string }, O extends LogOptions>(
  open: (again: O) => AsyncIterable<B>,
  afterEnd: () => Promise<Next>,
  opts: O,
): AsyncGenerator<B> {
  // With `until` the engine ends the log there, and that end is the one asked for.
  if (!opts.follow || opts.until) return yield* open(opts);
  // Where a log that has sent nothing yet picks up again: the engine's "since" takes Unix seconds.
  const started = String(Math.floor(Date.now() / 1000));
  let lastEventId = opts.lastEventId;
  let opened = false;
  for (let attempt = 0; !opts.signal?.aborted; attempt++) {
    const again: O = lastEventId ? { ...opts, lastEventId } : opened && !opts.since ? { ...opts, since: started, tail: 'all' } : opts;
    try {
      for await (const batch of open(again)) {
        lastEventId = batch.id;
        opened = true;
        attempt = 0;
        yield batch;
      }
    } catch (err) {
      // A first refusal (no such container, engine down at the start) is the subscriber's to see.
      if (!opened || !isEngineDown(err)) throw err;
    }
    opened = true;
    if ((await afterEnd()) === 'end') return;
    // A container between restarts answers "restarting" with an empty log: do not ask in a tight loop.
    await pause(retryDelay(attempt), opts.signal);
  }
}
