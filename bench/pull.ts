// Benchmarks for pull and push: Berth's images.pull / images.push (SSE, as a script would) against `docker pull` /
// `docker push` on the same engine, registry and image (5 layers, 200 MB of random bytes), runs alternating sides.
import { readFileSync } from 'node:fs';
import { readSse } from '../test/sse';
import { buildLayeredImage } from '../test/layered-image';
import { startTestRegistry, type TestRegistry } from '../test/registry';
import type { TransferSnapshot } from '../lib/transfer';
import type { BenchContext } from './context';
import { dockerCli, median } from './util';

const LAYERS = 5;
const BYTES_PER_LAYER = 40_000_000;
const RUNS = 4;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** CPU time a process has used so far (user + system) in ms, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** One transfer through Berth's SSE endpoint, read to its final snapshot; resolves with the elapsed time. */
async function berth(ctx: BenchContext, kind: 'pull' | 'push', ref: string): Promise<number> {
  const cpu0 = cpuMs(process.pid);
  const t0 = performance.now();
  const url = `http://127.0.0.1:${ctx.port}/api/trpc/images.${kind}?input=${encodeURIComponent(JSON.stringify({ engine: 'default', ref }))}`;
  let last: TransferSnapshot | undefined;
  await readSse(url, {
    headers: { authorization: `Bearer ${ctx.token}` },
    onEvent(e) {
      if (e.event === 'serialized-error') throw new Error(`Berth refused the ${kind}: ${e.data}`);
      if (e.event || !e.data) return;
      last = JSON.parse(e.data) as TransferSnapshot;
      if (last.state !== 'running') return false;
    },
  });
  if (last?.state !== 'done') throw new Error(`Berth's ${kind} of ${ref} ended ${last?.state ?? 'without a snapshot'}: ${last?.error?.message ?? ''}`);
  const ms = performance.now() - t0;
  berthCpu.push(cpuMs(process.pid) - cpu0);
  return ms;
}

/** Berth's own CPU time (with its in-process SSE client) per transfer, to tell its cost from the engine's. */
const berthCpu: number[] = [];

function ratios(berthMs: number[], cliMs: number[]): [string, string][] {
  const cpu = berthCpu.splice(0);
  const paired = berthMs.map((b, i) => b / cliMs[i]!);
  const list = (v: number[]) => v.map(seconds).join(', ');
  return [
    ['docker CLI, each run', list(cliMs)],
    ['Berth (SSE), each run', list(berthMs)],
    ['best and worst of each: CLI / Berth', `${seconds(Math.min(...cliMs))}–${seconds(Math.max(...cliMs))} / ${seconds(Math.min(...berthMs))}–${seconds(Math.max(...berthMs))}`],
    ['ratio Berth / CLI per run, best – worst (target ≤ 1.1×)', `${Math.min(...paired).toFixed(2)}× – ${Math.max(...paired).toFixed(2)}×`],
    ['CPU used by Berth and its SSE client per transfer, median', `${median(cpu).toFixed(0)} ms`],
    ['median of the per-run ratios', `${median(paired).toFixed(2)}×`],
    ['ratio of the bests', `${(Math.min(...berthMs) / Math.min(...cliMs)).toFixed(2)}×`],
  ];
}

async function withRegistry<T>(fn: (r: TestRegistry) => Promise<T>): Promise<T> {
  const registry = await startTestRegistry({ auth: false });
  try {
    return await fn(registry);
  } finally {
    await registry.stop();
  }
}

/** Pulls of the same image from the same registry, the image removed from the engine before each run. */
export async function benchPull(ctx: BenchContext): Promise<void> {
  await withRegistry(async (registry) => {
    const api = ctx.engine.api;
    const ref = `${registry.host}/bench/pull:v1`;
    await buildLayeredImage(api, ref, { layers: LAYERS, bytesPerLayer: BYTES_PER_LAYER });
    await dockerCli(ctx, ['push', ref]);
    const berthMs: number[] = [];
    const cliMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate who goes first, so neither side always meets a warmer cache.
      for (const side of i % 2 ? (['cli', 'berth'] as const) : (['berth', 'cli'] as const)) {
        await api.getImage(ref).remove({ force: true }).catch(() => undefined);
        if (side === 'berth') berthMs.push(await berth(ctx, 'pull', ref));
        else cliMs.push(await dockerCli(ctx, ['pull', ref]));
      }
    }
    await api.getImage(ref).remove({ force: true }).catch(() => undefined);
    ctx.report(`pull: ${LAYERS} layers, ${(LAYERS * BYTES_PER_LAYER) / 1e6} MB of random bytes, from a local registry, ${RUNS} runs each, alternating`, ratios(berthMs, cliMs));
  });
}

/** Pushes of the same image, each to a registry of its own so no layer is already there or mounted from elsewhere. */
export async function benchPush(ctx: BenchContext): Promise<void> {
  const api = ctx.engine.api;
  const source = 'berth-bench/push:src';
  await buildLayeredImage(api, source, { layers: LAYERS, bytesPerLayer: BYTES_PER_LAYER });
  const berthMs: number[] = [];
  const cliMs: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const side of i % 2 ? (['cli', 'berth'] as const) : (['berth', 'cli'] as const)) {
        await withRegistry(async (registry) => {
          const repo = `${registry.host}/bench/push`;
          await api.getImage(source).tag({ repo, tag: 'v1' });
          const ref = `${repo}:v1`;
          if (side === 'berth') berthMs.push(await berth(ctx, 'push', ref));
          else cliMs.push(await dockerCli(ctx, ['push', ref]));
          await api.getImage(ref).remove().catch(() => undefined);
        });
      }
    }
  } finally {
    await api.getImage(source).remove({ force: true }).catch(() => undefined);
  }
  ctx.report(`push: ${LAYERS} layers, ${(LAYERS * BYTES_PER_LAYER) / 1e6} MB of random bytes, each run to an empty local registry, ${RUNS} runs each, alternating`, ratios(berthMs, cliMs));
}
