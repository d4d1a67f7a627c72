// Benchmarks for the terminal and the Files tab: keystroke-to-echo latency over the WebSocket, `cat` of 100 MB
// through Berth's exec vs `docker exec`, a folder's download vs `docker cp`, and Berth's memory meanwhile.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import type Docker from 'dockerode';
import { TEST_IMAGE } from '../test/engine';
import { openTerminalClient } from '../test/terminal-client';
import type { BenchContext } from './context';
import { fmt, median, percentile } from './util';

const MB = 1_000_000;

async function box(api: Docker, name: string, setup: string): Promise<Docker.Container> {
  await api.getContainer(name).remove({ force: true }).catch(() => {});
  const c = await api.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  await c.start();
  const exec = await c.exec({ Cmd: ['sh', '-c', setup], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  stream.resume();
  await new Promise((r) => stream.once('end', r));
  return c;
}

/** Runs the docker CLI against the private engine; resolves with the wall time and the bytes it wrote. */
function cli(socket: string, args: string[]): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('docker', ['-H', `unix://${socket}`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (c: Buffer) => (bytes += c.length));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, bytes }) : reject(new Error(`docker ${args[0]} exited with ${code}`))));
  });
}

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

/** Samples this process's RSS (Berth and the headless clients) until stopped. */
function rssSampler(): { stop(): number } {
  let peak = rssMb();
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb());
    },
  };
}

async function keystrokes(ctx: BenchContext, id: string): Promise<number[]> {
  let waiting: ((b: Buffer) => void) | null = null;
  const t = await openTerminalClient({ port: ctx.port, token: ctx.token, id, command: 'cat', keepText: false, onData: (b) => waiting?.(b) });
  await new Promise((r) => setTimeout(r, 300));
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const echoed = new Promise<void>((resolve) => (waiting = (b) => b.includes(ch) && resolve()));
    const t0 = performance.now();
    t.type(ch);
    await echoed;
    if (i >= 20) times.push(performance.now() - t0);
  }
  t.ws.close();
  await t.closed;
  return times;
}

async function catThroughBerth(ctx: BenchContext, id: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const t = await openTerminalClient({ port: ctx.port, token: ctx.token, id, command: 'cat /big', keepText: false });
  await t.closed;
  return { ms: performance.now() - t0, bytes: t.bytes() };
}

/** A client that stops reading while `yes` runs: Berth must hold the engine, not buffer its output. */
async function stalledReader(ctx: BenchContext, id: string): Promise<number> {
  const before = rssMb();
  const t = await openTerminalClient({ port: ctx.port, token: ctx.token, id, command: 'yes', keepText: false });
  (t.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const sampler = rssSampler();
  await new Promise((r) => setTimeout(r, 4000));
  const peak = sampler.stop();
  t.ws.terminate();
  return peak - before;
}

function httpDownload(ctx: BenchContext, path: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port: ctx.port, path, headers: { authorization: `Bearer ${ctx.token}` } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.once('end', () => (res.statusCode === 200 ? resolve({ ms: performance.now() - t0, bytes }) : reject(new Error(`download answered ${res.statusCode}`))));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}

const ratios: [string, number][] = [];

function ratioLine(label: string, berth: number[], cliMs: number[]): [string, string] {
  const r = median(berth) / median(cliMs);
  ratios.push([label, r]);
  return [label, `Berth ${fmt(median(berth))} vs CLI ${fmt(median(cliMs))} (median of ${berth.length}) = ${r.toFixed(2)}×`];
}

function printRatios(ctx: BenchContext, title: string): void {
  if (!ratios.length) return;
  const sorted = [...ratios].sort((a, b) => a[1] - b[1]);
  ctx.report(title, [
    ['best ratio', `${sorted[0]![1].toFixed(2)}× (${sorted[0]![0]})`],
    ['worst ratio', `${sorted.at(-1)![1].toFixed(2)}× (${sorted.at(-1)![0]})`],
  ]);
  ratios.length = 0;
}

export async function benchExec(ctx: BenchContext): Promise<void> {
  const api = ctx.engine.api;
  const c = await box(api, 'bench-exec', `yes 0123456789012345678901234567890123456789012345678901234567890123456789 | head -c ${100 * MB} > /big`);
  const sampler = rssSampler();
  const lat = await keystrokes(ctx, c.id);
  ctx.report('Terminal: keystroke to echo over the WebSocket (headless client, `cat` in a TTY)', [
    ['p50 / p99 / max', `${fmt(percentile(lat, 50))} / ${fmt(percentile(lat, 99))} / ${fmt(Math.max(...lat))}`],
    ['samples', String(lat.length)],
  ]);
  const berth: number[] = [];
  const docker: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const b = await catThroughBerth(ctx, c.id);
    berth.push(b.ms);
    bytes = b.bytes;
    docker.push((await cli(ctx.engine.socket, ['exec', '-t', c.id, 'cat', '/big'])).ms);
  }
  ctx.report('Terminal: `cat` of 100 MB in a TTY', [
    ratioLine('cat 100 MB: Berth exec / docker exec -t', berth, docker),
    ['bytes through Berth', `${(bytes / MB).toFixed(1)} MB (the TTY turns \\n into \\r\\n)`],
    ['throughput through Berth', `${((bytes / MB) / (median(berth) / 1000)).toFixed(0)} MB/s`],
  ]);
  const growth = await stalledReader(ctx, c.id);
  ctx.report('Terminal: `yes` to a client that stopped reading, 4 s', [
    ['RSS growth of the Berth process', `${growth.toFixed(1)} MB`],
    ['peak RSS of the Berth process during the terminal runs', `${sampler.stop().toFixed(0)} MB (limit 300 MB)`],
  ]);
  printRatios(ctx, 'Terminal: best and worst against the docker CLI');
  await c.remove({ force: true });
}

export async function benchFiles(ctx: BenchContext): Promise<void> {
  const api = ctx.engine.api;
  const total = Number(process.env.BENCH_FILES_MB ?? 500);
  // A folder of `total` MB: ten large files and a thousand small ones.
  const big = Math.floor((total * MB - 1000 * 4096) / 10);
  const c = await box(api, 'bench-files', `mkdir -p /data/small && for i in 0 1 2 3 4 5 6 7 8 9; do head -c ${big} /dev/urandom > /data/big$i; done && for i in $(seq 1 1000); do head -c 4096 /dev/urandom > /data/small/f$i; done`);
  const sampler = rssSampler();
  const berth: number[] = [];
  const cp: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const b = await httpDownload(ctx, `/api/files/download?${new URLSearchParams({ engine: 'default', id: c.id, path: '/data' })}`);
    berth.push(b.ms);
    bytes = b.bytes;
    cp.push((await cli(ctx.engine.socket, ['cp', `${c.id}:/data`, '-'])).ms);
  }
  const file: number[] = [];
  const cpFile: number[] = [];
  for (let i = 0; i < 3; i++) {
    file.push((await httpDownload(ctx, `/api/files/download?${new URLSearchParams({ engine: 'default', id: c.id, path: '/data/big0' })}`)).ms);
    cpFile.push((await cli(ctx.engine.socket, ['cp', `${c.id}:/data/big0`, '-'])).ms);
  }
  const t0 = performance.now();
  const list = await httpDownload(ctx, `/api/trpc/containers.files?input=${encodeURIComponent(JSON.stringify({ engine: 'default', id: c.id, path: '/data' }))}`);
  const listMs = performance.now() - t0;
  ctx.report(`Files: download of a ${total} MB folder (10 large files, 1,000 small)`, [
    ratioLine(`folder ${total} MB as tar: Berth / docker cp`, berth, cp),
    ratioLine(`one file of ${(big / MB).toFixed(0)} MB: Berth / docker cp (a tar)`, file, cpFile),
    ['tar bytes through Berth', `${(bytes / MB).toFixed(1)} MB at ${((bytes / MB) / (median(berth) / 1000)).toFixed(0)} MB/s`],
    ['listing /data (archive headers, bodies skipped)', `${fmt(listMs)} for ${(list.bytes / 1024).toFixed(1)} KiB of JSON`],
    ['peak RSS of the Berth process', `${sampler.stop().toFixed(0)} MB (limit 300 MB)`],
  ]);
  printRatios(ctx, 'Files: best and worst against the docker CLI');
  await c.remove({ force: true });
}
