// Container resource usage as `docker stats` computes it: CPU %, memory without cache, I/O rates, PIDs.
import { setMaxListeners } from 'node:events';
import type Docker from 'dockerode';
import { containerName } from '../docker/container-name';
import { destroyOnAbort, jsonLines, openEngineStream, pause } from '../engines/wire';
import { toEngineError } from '../errors';

export interface StatsSample {
  id: string;
  name: string;
  /** Milliseconds since the epoch, from the engine's "read" time. */
  time: number;
  cpuPercent: number;
  memoryUsed: number;
  memoryLimit: number;
  memoryPercent: number;
  /** Bytes per second since the previous sample; 0 for the first. */
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
  /**
   * False for a stream's first sample: CPU % and the rates need the previous reading, so their 0 means "not yet",
   * not "idle".
   */
  measured: boolean;
}

interface RawStats {
  read: string;
  name?: string;
  id?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
  pids_stats?: { current?: number };
}

interface Totals {
  time: number;
  rx: number;
  tx: number;
  read: number;
  write: number;
}

export function cpuPercent(s: RawStats): number {
  const cpu = s.cpu_stats?.cpu_usage?.total_usage ?? 0;
  const preCpu = s.precpu_stats?.cpu_usage?.total_usage ?? 0;
  const sys = s.cpu_stats?.system_cpu_usage ?? 0;
  const preSys = s.precpu_stats?.system_cpu_usage ?? 0;
  const online = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  const cpuDelta = cpu - preCpu;
  const sysDelta = sys - preSys;
  if (cpuDelta <= 0 || sysDelta <= 0 || !preSys) return 0;
  return (cpuDelta / sysDelta) * online * 100;
}

/** Memory in use less the page cache the kernel can drop, as the docker CLI shows it (cgroup v1 and v2). */
export function memoryUsed(s: RawStats): number {
  const usage = s.memory_stats?.usage ?? 0;
  const st = s.memory_stats?.stats ?? {};
  for (const key of ['total_inactive_file', 'inactive_file']) {
    const v = st[key];
    if (v !== undefined && v < usage) return usage - v;
  }
  return usage;
}

function totals(s: RawStats): Totals {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  let read = 0;
  let write = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = e.op.toLowerCase();
    if (op === 'read') read += e.value;
    else if (op === 'write') write += e.value;
  }
  return { time: Date.parse(s.read), rx, tx, read, write };
}

export function toSample(s: RawStats, prev: Totals | undefined, id: string, name: string): [StatsSample, Totals] {
  const now = totals(s);
  const dt = prev ? (now.time - prev.time) / 1000 : 0;
  const rate = (a: number, b: number) => (prev && dt > 0 ? Math.max(0, (a - b) / dt) : 0);
  const limit = s.memory_stats?.limit ?? 0;
  const used = memoryUsed(s);
  return [
    {
      id,
      name,
      time: now.time,
      cpuPercent: cpuPercent(s),
      memoryUsed: used,
      memoryLimit: limit,
      memoryPercent: limit ? (used / limit) * 100 : 0,
      netRx: rate(now.rx, prev?.rx ?? 0),
      netTx: rate(now.tx, prev?.tx ?? 0),
      blockRead: rate(now.read, prev?.read ?? 0),
      blockWrite: rate(now.write, prev?.write ?? 0),
      pids: s.pids_stats?.current ?? 0,
      measured: Boolean(prev && s.precpu_stats?.system_cpu_usage),
    },
    now,
  ];
}

export async function* streamStats(api: Docker, ref: string, signal?: AbortSignal): AsyncGenerator<StatsSample> {
  let stream;
  try {
    stream = await openEngineStream(api, `/containers/${encodeURIComponent(ref)}/stats`, { stream: true }, { 404: 'no such container' });
  } catch (err) {
    throw toEngineError(err, `container ${ref}`, 'read the stats of');
  }
  const release = destroyOnAbort(stream, signal);
  let prev: Totals | undefined;
  try {
    for await (const raw of jsonLines<RawStats>(stream)) {
      const [sample, now] = toSample(raw, prev, raw.id ?? ref, containerName(raw.name ?? ref));
      prev = now;
      yield sample;
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw toEngineError(err, `container ${ref}`, 'read the stats of');
  } finally {
    release();
    stream.destroy();
  }
}

/**
 * Every running container's latest sample, sent as one map per interval, like `docker stats` without
 * arguments. One stats stream per running container; containers that start or stop are picked up.
 */
export async function* streamStatsAll(api: Docker, opts: { signal?: AbortSignal; intervalMs?: number } = {}): AsyncGenerator<Record<string, StatsSample>> {
  const interval = opts.intervalMs ?? 2000;
  const inner = new AbortController();
  // One listener per watched container, by design: hundreds are expected, not a leak.
  setMaxListeners(0, inner.signal);
  const onAbort = () => inner.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const latest = new Map<string, StatsSample>();
  const watching = new Map<string, AbortController>();

  async function watch(id: string, ctl: AbortController): Promise<void> {
    const stop = () => ctl.abort();
    if (inner.signal.aborted) stop();
    inner.signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const s of streamStats(api, id, ctl.signal)) latest.set(id, s);
    } catch {
      // A container that stopped or vanished just leaves the map.
    } finally {
      // Containers come and go for as long as the stream lives: leave no listener behind.
      inner.signal.removeEventListener('abort', stop);
      latest.delete(id);
      watching.delete(id);
    }
  }

  async function refresh(): Promise<void> {
    const running = await api.listContainers({ all: false });
    const ids = new Set(running.map((c) => c.Id));
    for (const id of ids) {
      if (watching.has(id)) continue;
      const ctl = new AbortController();
      watching.set(id, ctl);
      void watch(id, ctl);
    }
    for (const [id, ctl] of watching) if (!ids.has(id)) ctl.abort();
  }

  try {
    let lastRefresh = 0;
    while (!inner.signal.aborted) {
      if (Date.now() - lastRefresh >= 5_000) {
        await refresh();
        lastRefresh = Date.now();
      }
      await pause(interval, inner.signal);
      if (inner.signal.aborted) break;
      yield Object.fromEntries(latest);
    }
  } catch (err) {
    if (!inner.signal.aborted) throw toEngineError(err, 'containers', 'read the stats of');
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    inner.abort();
  }
}
