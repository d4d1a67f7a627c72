// Benchmarks for live logs: SSE throughput vs the raw logs API, line latency, server memory with many followers.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Docker from 'dockerode';
import { TEST_IMAGE } from '../test/engine';
import { readSse } from '../test/sse';
import type { BenchContext } from './context';
import { fmt, median, percentile } from './util';

async function run(api: Docker, name: string, script: string, wait: boolean): Promise<Docker.Container> {
  await api.getContainer(name).remove({ force: true }).catch(() => {});
  const c = await api.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', script], StopSignal: 'SIGKILL' });
  await c.start();
  if (wait) await c.wait();
  return c;
}

/** Runs one client read in its own thread, so the client's parsing does not share Berth's event loop. */
function inWorker<T>(job: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./client-worker.mjs', import.meta.url), { workerData: job });
    w.once('message', (m: T) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

function sseUrl(ctx: BenchContext, input: Record<string, unknown>): string {
  return `http://127.0.0.1:${ctx.port}/api/trpc/containers.logs?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** CPU time a process has used so far (user + system), from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function throughput(ctx: BenchContext): Promise<void> {
  // 200,000 lines of 100 bytes (99 characters and a newline).
  const c = await run(ctx.engine.api, 'bench-logs-200k', 'seq 1 200000 | awk \'{ printf "%-99s\\n", "line " $1 }\'', true);
  const rawTimes: number[] = [];
  const berthTimes: number[] = [];
  const engineCpu: number[] = [];
  const berthCpu: number[] = [];
  let berthLines = 0;
  for (let i = 0; i < 3; i++) {
    const raw = await inWorker<{ ms: number; bytes: number }>({ kind: 'raw', socketPath: ctx.engine.socket, path: `/containers/${c.id}/logs?stdout=1&stderr=1&timestamps=1` });
    if (raw.bytes < 200_000 * 100) throw new Error(`raw read only ${raw.bytes} bytes`);
    rawTimes.push(raw.ms);
    // The same plain client on both sides: it reads every byte and does nothing else with them.
    const url = new URL(sseUrl(ctx, { engine: 'default', id: c.id }));
    const [e0, b0] = [cpuMs(ctx.engine.pid), cpuMs(process.pid)];
    const berth = await inWorker<{ ms: number; bytes: number }>({ kind: 'raw', port: ctx.port, path: url.pathname + url.search, headers: { authorization: `Bearer ${ctx.token}`, accept: 'text/event-stream' } });
    berthTimes.push(berth.ms);
    engineCpu.push(cpuMs(ctx.engine.pid) - e0);
    berthCpu.push(cpuMs(process.pid) - b0);
  }
  // That every line arrived is checked once, apart from the timing, by a client that parses the events.
  berthLines = (await inWorker<{ lines: number }>({ kind: 'sse', url: sseUrl(ctx, { engine: 'default', id: c.id }), headers: { authorization: `Bearer ${ctx.token}` } })).lines;
  if (berthLines !== 200_000) throw new Error(`Berth delivered ${berthLines} of 200,000 lines`);
  ctx.report('logs throughput: 200,000 lines of 100 bytes', [
    ['raw GET /containers/{id}/logs, median of 3 (best–worst)', `${fmt(median(rawTimes))} (${fmt(Math.min(...rawTimes))}–${fmt(Math.max(...rawTimes))})`],
    ['Berth SSE containers.logs, median of 3 (best–worst)', `${fmt(median(berthTimes))} (${fmt(Math.min(...berthTimes))}–${fmt(Math.max(...berthTimes))})`],
    ['lines received through Berth', String(berthLines)],
    ['CPU per read through Berth: dockerd / Berth and its client', `${fmt(median(engineCpu))} / ${fmt(median(berthCpu))}`],
    ['ratio (target ≤ 1.2×)', `${(median(berthTimes) / median(rawTimes)).toFixed(2)}×`],
  ]);
  await c.remove({ force: true });
}

/** Milliseconds since the epoch of an RFC 3339 timestamp with nanoseconds. */
function tsMs(ts: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(ts)!;
  return Date.parse(`${m[1]}Z`) + Number(`0.${m[2] ?? '0'}`) * 1000;
}

async function latency(ctx: BenchContext): Promise<void> {
  const c = await run(ctx.engine.api, 'bench-logs-tick', 'i=0; while true; do echo "tick $i"; i=$((i+1)); usleep 10000; done', false);
  await new Promise((r) => setTimeout(r, 500));
  const delays: number[] = [];
  const started = Date.now();
  await readSse(sseUrl(ctx, { engine: 'default', id: c.id, follow: true, tail: 0 }), {
    headers: { authorization: `Bearer ${ctx.token}` },
    onEvent(e) {
      if (e.event || !e.data) return;
      const now = Date.now();
      // Lines come in columns; an array of line objects is the shape Berth sent before.
      const data = JSON.parse(e.data) as { ts: string[] } | { ts: string }[];
      for (const ts of Array.isArray(data) ? data.map((l) => l.ts) : data.ts) delays.push(now - tsMs(ts));
      if (Date.now() - started > 5_000) return false;
    },
  });
  ctx.report('logs latency: one line every 10 ms, Docker timestamp → client', [
    ['lines', String(delays.length)],
    ['p50', fmt(percentile(delays, 50))],
    ['p99 (target < 50 ms)', fmt(percentile(delays, 99))],
  ]);
  await c.remove({ force: true });
}

/** Peak and current resident memory of a process, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const FOLLOWERS = 50;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** A fresh Berth process per transport, so each peak is its own: idle, with 50 followers for 10 s, and after they left. */
async function memoryWith(ctx: BenchContext, transport: 'sse' | 'ws', containerId: string): Promise<{ ui: boolean; lines: number; idle: number; peak: number; after: number }> {
  const home = mkdtempSync(join(tmpdir(), 'berth-bench-mem-'));
  const port = 20_000 + ((process.pid + (transport === 'ws' ? 1 : 0)) % 5_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/berth-process.ts', '--port', String(port)], {
    env: { ...process.env, BERTH_HOME: home, BERTH_TOKEN: ctx.token, BERTH_DOCKER_SOCKET: ctx.engine.socket, DOCKER_CONFIG: home, DOCKER_HOST: '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const started = new Promise<{ ui: boolean }>((resolve) => child.once('message', (m) => resolve(m as { ui: boolean })));
  try {
    const { ui } = await started;
    await new Promise((r) => setTimeout(r, 1000));
    const idle = memoryOf(child.pid!).rss;
    const input = { engine: 'default', id: containerId, follow: true, tail: 1000 };
    const { lines, failed, error } = await inWorker<{ lines: number; failed: number; error?: string }>({
      kind: 'follow',
      transport,
      count: FOLLOWERS,
      ms: 10_000,
      url: `http://127.0.0.1:${port}/api/trpc/containers.logs?input=${encodeURIComponent(JSON.stringify(input))}`,
      wsUrl: `ws://127.0.0.1:${port}/api/trpc`,
      headers: { authorization: `Bearer ${ctx.token}`, origin: `http://127.0.0.1:${port}` },
      input,
    });
    if (failed) console.log(`  (${failed} of ${FOLLOWERS} followers failed: ${error})`);
    const peak = memoryOf(child.pid!).peak;
    await new Promise((r) => setTimeout(r, 3000));
    return { ui, lines, idle, peak, after: memoryOf(child.pid!).rss };
  } finally {
    child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
}

async function memory(ctx: BenchContext): Promise<void> {
  const c = await run(ctx.engine.api, 'bench-logs-noisy', 'i=0; while true; do echo "noisy line $i with some padding to look like a real log line"; i=$((i+1)); done', false);
  await new Promise((r) => setTimeout(r, 1000));
  for (const transport of ['sse', 'ws'] as const) {
    const m = await memoryWith(ctx, transport, c.id);
    ctx.report(`server memory: Berth (${m.ui ? 'with its UI' : 'API only, no UI build'}) with ${FOLLOWERS} ${transport === 'ws' ? 'WebSocket' : 'SSE'} followers of a noisy container for 10 s`, [
      ['lines delivered in all', m.lines.toLocaleString('en')],
      ['RSS before the followers', mb(m.idle)],
      ['peak RSS (target < 300 MB)', mb(m.peak)],
      ['RSS 3 s after they left', mb(m.after)],
    ]);
  }
  await c.remove({ force: true });
}

export async function benchLogs(ctx: BenchContext): Promise<void> {
  await throughput(ctx);
  await latency(ctx);
  await memory(ctx);
}
