// A swarm service's log, merged by its manager from every task: the container log's decoder and batches, one
// decoder per task, each line named by its task and node, and resume ids that hold each task's position.
import type Docker from 'dockerode';
import { getJson, chunkBursts, destroyOnAbort, isEngineDown, openEngineStream } from '../engines/wire';
import { BerthError } from '../errors';
import { inspectRawService, swarmError } from '../docker/swarm';
import type { RawNode, RawService, RawTask } from '../docker/swarm-map';
import { type Next, followBatches } from './log-follow';
import { LogDecoder, type LineSink, type LogStream } from './log-decoder';
import { type EncodedJson, type LogColumns, LogBatchWriter } from './log-json';
import { type LogOptions, toEngineTime } from './logs';

/** A service log's lines: the container log's columns and, per line, "name.slot.task@node". */
export type ServiceLogColumns = LogColumns & { source: string[] };

export interface ServiceLogBatch {
  id: string;
  lines: EncodedJson<ServiceLogColumns>;
}

/** A task's place in the log: the last line sent is the n-th (from 0) stamped `ts`. */
interface Position {
  ts: string;
  n: number;
}

/** Tasks a resume id remembers; the ones silent longest are dropped first (their lines come again from "since"). */
const MAX_POSITIONS = 48;
export const SERVICE_LOG_ID_MAX = 4096;
const TASK_ID = /^[a-z0-9]{1,64}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** "v1;<since>;<task>@<ts>#<n>;…": where every task stands; `since` is where a log that sent nothing picks up. */
export function formatServiceLogId(since: string, positions: Map<string, Position>): string {
  const entries = [...positions].sort((a, b) => (a[1].ts < b[1].ts ? 1 : a[1].ts > b[1].ts ? -1 : 0)).slice(0, MAX_POSITIONS);
  return ['v1', since, ...entries.map(([task, p]) => `${task}@${p.ts}#${p.n}`)].join(';');
}

export function parseServiceLogId(id: string): { since: string; positions: Map<string, Position> } | null {
  const [v, since, ...rest] = id.split(';');
  if (v !== 'v1' || since === undefined || !/^\d+(\.\d{1,9})?$|^$/.test(since)) return null;
  const positions = new Map<string, Position>();
  for (const e of rest) {
    const m = /^([^@]+)@([^#]+)#(\d{1,9})$/.exec(e);
    if (!m || !TASK_ID.test(m[1]!) || !STAMP.test(m[2]!)) return null;
    positions.set(m[1]!, { ts: m[2]!, n: Number(m[3]) });
  }
  return { since, positions };
}

/** Where to read from again: the earliest position any task holds, so each task's next line comes back. */
function resumeSince(since: string, positions: Map<string, Position>): string | undefined {
  let min: string | undefined;
  for (const p of positions.values()) if (min === undefined || p.ts < min) min = p.ts;
  return min !== undefined ? toEngineTime(min) : since || undefined;
}

/** "secs.nanos" → a comparable key, for `until` (the engine's service logs have none). */
function timeKey(engineTime: string): bigint {
  const [s, ns = ''] = engineTime.split('.');
  return BigInt(s!) * 1_000_000_000n + BigInt(ns.padEnd(9, '0') || '0');
}

/** Task names as `docker service logs` prints them: "web.2.t21s0r58xoux@swarm-1" (global: the node id as slot). */
export class TaskNames {
  private names = new Map<string, string>();
  private refreshed = 0;
  constructor(
    private readonly api: Docker,
    private readonly service: RawService,
  ) {}

  async refresh(): Promise<void> {
    this.refreshed = Date.now();
    const filters = encodeURIComponent(JSON.stringify({ service: [this.service.ID] }));
    const [tasks, nodes] = await Promise.all([getJson<RawTask[]>(this.api, `/tasks?filters=${filters}`), getJson<RawNode[]>(this.api, '/nodes')]);
    const hosts = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
    const name = this.service.Spec.Name ?? this.service.ID;
    for (const t of tasks) {
      const slot = t.Slot ? String(t.Slot) : (t.NodeID ?? '');
      this.names.set(t.ID, `${name}.${slot}.${t.ID.slice(0, 12)}@${hosts.get(t.NodeID ?? '') ?? t.NodeID ?? '?'}`);
    }
  }

  /** Learns tasks it has not seen (started since), at most once a second. */
  async learn(ids: Iterable<string>): Promise<void> {
    for (const id of ids) {
      if (this.names.has(id)) continue;
      if (Date.now() - this.refreshed > 1000) await this.refresh().catch(() => undefined);
      return;
    }
  }

  name(task: string, node: string): string {
    return this.names.get(task) ?? `${this.service.Spec.Name ?? this.service.ID}.${task.slice(0, 12)}@${node.slice(0, 12)}`;
  }
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const DETAIL_TASK = 'com.docker.swarm.task.id=';
const DETAIL_NODE = 'com.docker.swarm.node.id=';

function detail(details: string, key: string): string {
  const at = details.indexOf(key);
  if (at < 0) return '';
  const end = details.indexOf(',', at);
  return details.slice(at + key.length, end < 0 ? details.length : end);
}

/**
 * Reads "<ts> <details> <text>" messages (one per frame; a TTY service's stream is raw, one message per line), and
 * hands each to its task's decoder as "<ts> <text>", shifting the timestamp over the details in place.
 */
export class ServiceLogSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private readonly decoders = new Map<string, { decoder: LogDecoder; sink: LineSink }>();

  constructor(
    private readonly tty: boolean,
    private readonly maxLineBytes: number | undefined,
    private readonly line: (task: string, node: string, stream: LogStream, ts: string, bytes: Buffer, start: number, end: number, cut: boolean) => void,
  ) {}

  push(chunk: Buffer): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let at = 0;
    if (this.tty) {
      for (let nl = buf.indexOf(NEWLINE, at); nl >= 0; nl = buf.indexOf(NEWLINE, at)) {
        this.message('stdout', buf, at, nl + 1);
        at = nl + 1;
      }
    } else {
      while (buf.length - at >= 8) {
        const size = buf.readUInt32BE(at + 4);
        if (buf.length - at < 8 + size) break;
        this.message(buf[at] === 2 ? 'stderr' : 'stdout', buf, at + 8, at + 8 + size);
        at += 8 + size;
      }
    }
    this.carry = at < buf.length ? Buffer.from(buf.subarray(at)) : Buffer.alloc(0);
  }

  end(): void {
    if (this.tty && this.carry.length) this.message('stdout', this.carry, 0, this.carry.length);
    this.carry = Buffer.alloc(0);
    for (const { decoder, sink } of this.decoders.values()) decoder.end(sink);
  }

  private message(stream: LogStream, buf: Buffer, start: number, end: number): void {
    const s1 = buf.indexOf(SPACE, start);
    const s2 = s1 >= 0 && s1 < end ? buf.indexOf(SPACE, s1 + 1) : -1;
    if (s2 < 0 || s2 >= end) {
      // No details (an engine that sent none): one anonymous task.
      const d = this.decoderOf('', '');
      return d.decoder.pushMessage(stream, buf, start, end, d.sink);
    }
    const details = buf.toString('latin1', s1 + 1, s2);
    const task = detail(details, DETAIL_TASK);
    const node = detail(details, DETAIL_NODE);
    // "<ts> <details> <text>" → "<ts> <text>", ending where the details did.
    const from = s2 - (s1 - start);
    buf.copy(buf, from, start, s1);
    const d = this.decoderOf(task, node);
    d.decoder.pushMessage(stream, buf, from, end, d.sink);
  }

  private decoderOf(task: string, node: string): { decoder: LogDecoder; sink: LineSink } {
    let d = this.decoders.get(task);
    if (!d) {
      const decoder = new LogDecoder({ tty: false, maxLineBytes: this.maxLineBytes });
      const sink: LineSink = (stream, ts, bytes, start, end, cut) => this.line(task, node, stream, ts, bytes, start, end, cut);
      this.decoders.set(task, (d = { decoder, sink }));
    }
    return d;
  }
}

export interface ServiceLogOptions extends LogOptions {}

/** One read of the service's log (followed or not), resuming after `lastEventId`. */
export async function* readServiceLogs(api: Docker, ref: string, opts: ServiceLogOptions = {}): AsyncGenerator<ServiceLogBatch> {
  const service = await inspectRawService(api, ref);
  const resume = opts.lastEventId ? parseServiceLogId(opts.lastEventId) : null;
  if (opts.lastEventId && !resume) throw new BerthError('BAD_REQUEST', `"${opts.lastEventId.slice(0, 80)}" is not a log position Berth gave out.`);
  const positions = new Map(resume?.positions ?? []);
  const baseSince = resume ? resume.since : opts.since ? toEngineTime(opts.since) : '';
  const since = resume ? resumeSince(resume.since, resume.positions) : baseSince || undefined;
  const until = opts.until ? timeKey(toEngineTime(opts.until)) : null;
  const query: Record<string, unknown> = {
    stdout: true,
    stderr: true,
    timestamps: true,
    details: true,
    follow: Boolean(opts.follow) && !opts.until,
    tail: resume ? 'all' : String(opts.tail ?? 'all'),
  };
  if (since) query.since = since;
  const names = new TaskNames(api, service);
  await names.refresh().catch(() => undefined);

  let stream;
  try {
    stream = await openEngineStream(api, `/services/${encodeURIComponent(service.ID)}/logs`, query, { 404: 'no such service', 503: 'not a manager' });
  } catch (err) {
    throw await swarmError(api, err, `service ${service.Spec.Name}`, 'read the logs of');
  }
  const release = destroyOnAbort(stream, opts.signal);
  const maxLines = opts.batchLines ?? 5000;
  const maxBytes = opts.batchBytes ?? 64 * 1024;
  const batch = new LogBatchWriter();
  /** Per line of the batch: its task and node ids, named when the batch is taken. */
  let sources: [string, string][] = [];
  const counters = new Map<string, Position>();

  const splitter = new ServiceLogSplitter(Boolean(service.Spec.TaskTemplate?.ContainerSpec?.TTY), opts.maxLineBytes, (task, node, s, ts, bytes, start, end, cut) => {
    const c = counters.get(task);
    const n = c && c.ts === ts ? c.n + 1 : 0;
    counters.set(task, { ts, n });
    const had = positions.get(task);
    // The engine's "since" is inclusive and reaches back to the earliest task's position: drop what was sent.
    if (had && (ts < had.ts || (ts === had.ts && n <= had.n))) return;
    if (until !== null && ts && timeKey(toEngineTime(ts)) > until) return;
    positions.set(task, { ts, n });
    batch.add(s, ts, bytes, start, end, cut);
    sources.push([task, node]);
  });

  const take = async (): Promise<ServiceLogBatch> => {
    const taken = sources;
    sources = [];
    await names.learn(new Set(taken.map(([t]) => t)));
    const source = JSON.stringify(taken.map(([t, n]) => names.name(t, n)));
    return { id: formatServiceLogId(baseSince, positions), lines: batch.take<ServiceLogColumns>(`,"source":${source}`) };
  };

  try {
    for await (const burst of chunkBursts(stream, maxBytes)) {
      let bytes = 0;
      for (const chunk of burst) {
        splitter.push(chunk);
        bytes += chunk.length;
        if (batch.count >= maxLines || bytes >= maxBytes) {
          if (batch.count) yield await take();
          bytes = 0;
        }
      }
      if (batch.count) yield await take();
    }
    splitter.end();
    if (batch.count) yield await take();
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw await swarmError(api, err, `service ${service.Spec.Name}`, 'read the logs of');
  } finally {
    release();
    stream.destroy();
  }
}

/** Whether a followed service log the engine ended should be read again: while the service exists. */
async function afterServiceEnd(api: Docker, ref: string): Promise<Next> {
  try {
    await inspectRawService(api, ref);
    return 'reopen';
  } catch (err) {
    return isEngineDown(err) ? 'reopen' : 'end';
  }
}

/** The service's log; with `follow` it stays open across engine restarts and resumes after the last line sent. */
export function followServiceLogs(api: Docker, ref: string, opts: ServiceLogOptions = {}): AsyncGenerator<ServiceLogBatch> {
  return followBatches((again: ServiceLogOptions) => readServiceLogs(api, ref, again), () => afterServiceEnd(api, ref), opts);
}
