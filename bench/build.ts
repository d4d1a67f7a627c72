// Benchmark: a 30-step Dockerfile built through Berth's images.build subscription (SSE, as a script or the browser
// reads it) against `docker build` by the CLI on the same engine; no cache on either side, runs alternating.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_IMAGE } from '../test/engine';
import { readSse } from '../test/sse';
import type { BenchContext } from './context';
import { fmt, median } from './util';

const STEPS = 30;
const RUNS = 4;

/** The CLI's own build, its output read and dropped; the classic builder when buildx is not installed. */
function cliBuild(socket: string, dir: string, tag: string, classic: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('docker', ['-H', `unix://${socket}`, 'build', '--no-cache', '-t', tag, dir], {
      env: { ...process.env, DOCKER_CONFIG: dir, ...(classic ? { DOCKER_BUILDKIT: '0' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stdout.resume();
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`docker build failed (${code}): ${err.slice(-500)}`))));
  });
}

async function berthBuild(ctx: BenchContext, dir: string, tag: string): Promise<{ ms: number; steps: number }> {
  const input = { engine: 'default', source: { kind: 'path', path: dir }, tags: [tag], noCache: true };
  const url = `http://127.0.0.1:${ctx.port}/api/trpc/images.build?input=${encodeURIComponent(JSON.stringify(input))}`;
  const started = performance.now();
  let steps = 0;
  let done = false;
  let failure = '';
  await readSse(url, {
    headers: { authorization: `Bearer ${ctx.token}` },
    onEvent(e) {
      if (e.event === 'serialized-error') failure = e.data;
      if (e.event || !e.data) return;
      const event = JSON.parse(e.data) as { type: string; lines?: { kind: string }[] };
      if (event.type === 'done') done = true;
      for (const l of event.lines ?? []) if (l.kind === 'step') steps++;
    },
  });
  if (!done) throw new Error(`the build through Berth failed: ${failure}`);
  return { ms: performance.now() - started, steps };
}

export async function benchBuild(ctx: BenchContext): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'berth-bench-build-'));
  const saved = process.env.BERTH_BUILD_ROOTS;
  process.env.BERTH_BUILD_ROOTS = root;
  const classic = spawnSync('docker', ['buildx', 'version'], { stdio: 'ignore' }).status !== 0;
  try {
    const lines = [`FROM ${TEST_IMAGE}`];
    for (let i = 1; i < STEPS; i++) lines.push(`RUN echo "step ${i}" > /step-${i} && cat /step-${i}`);
    writeFileSync(join(root, 'Dockerfile'), `${lines.join('\n')}\n`);
    writeFileSync(join(root, 'payload.bin'), Buffer.alloc(1024 * 1024, 7));
    // One build each first, unmeasured: both sides start with the base image's layers read and the CLI's binary warm.
    await cliBuild(ctx.engine.socket, root, 'bench-build/cli:warm', classic);
    await berthBuild(ctx, root, 'bench-build/berth:warm');
    const cli: number[] = [];
    const berth: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternating which side goes first, so neither always meets a fresher engine.
      const order = i % 2 === 0 ? ['berth', 'cli'] : ['cli', 'berth'];
      let b = 0;
      let c = 0;
      for (const side of order) {
        if (side === 'cli') c = await cliBuild(ctx.engine.socket, root, 'bench-build/cli:1', classic);
        else {
          const r = await berthBuild(ctx, root, 'bench-build/berth:1');
          if (r.steps !== STEPS) throw new Error(`Berth reported ${r.steps} of ${STEPS} steps`);
          b = r.ms;
        }
      }
      cli.push(c);
      berth.push(b);
      ratios.push(b / c);
    }
    ctx.report(`build: a ${STEPS}-step Dockerfile (1 MiB context), no cache, ${RUNS} alternating runs`, [
      ['docker build by the CLI', `median ${fmt(median(cli))} (${fmt(Math.min(...cli))}–${fmt(Math.max(...cli))})${classic ? ', DOCKER_BUILDKIT=0: the CLI has no buildx' : ''}`],
      ['Berth images.build over SSE', `median ${fmt(median(berth))} (${fmt(Math.min(...berth))}–${fmt(Math.max(...berth))})`],
      ['ratio per run, Berth / CLI', ratios.map((r) => `${r.toFixed(2)}×`).join(', ')],
      ['best / worst ratio (target ≤ 1.1×)', `${Math.min(...ratios).toFixed(2)}× / ${Math.max(...ratios).toFixed(2)}×`],
    ]);
  } finally {
    if (saved === undefined) delete process.env.BERTH_BUILD_ROOTS;
    else process.env.BERTH_BUILD_ROOTS = saved;
    rmSync(root, { recursive: true, force: true });
  }
}
