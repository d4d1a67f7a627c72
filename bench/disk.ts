// Benchmark: system.df through Berth vs the raw GET /system/df, on an engine with 300 images and 300 containers.
import { Agent } from 'node:http';
import { TEST_IMAGE } from '../test/engine';
import { createContainers } from './containers';
import type { BenchContext } from './run';
import { fmt, httpGet, median, pool } from './util';

export async function benchDisk(ctx: BenchContext): Promise<void> {
  const api = ctx.engine.api;
  await createContainers(api, 300);
  const have = (await api.listImages()).length;
  const base = await api.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], name: 'bench-df-base' }).catch(() => api.getContainer('bench-df-base'));
  await pool(Math.max(0, 300 - have), 4, async (i) => base.commit({ repo: `bench/df-${have + i}`, tag: 'v1', changes: `ENV N=${have + i}` } as never));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const path = `/api/trpc/system.df?input=${encodeURIComponent(JSON.stringify({ engine: 'default', fresh: true }))}`;
  const raw = () => httpGet({ socketPath: ctx.engine.socket, path: '/system/df' });
  const berth = () => httpGet({ port: ctx.port, path, headers: { authorization: `Bearer ${ctx.token}` }, agent });
  await raw();
  await berth();
  const r: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 12; i++) {
    let t = performance.now();
    await raw();
    r.push(performance.now() - t);
    t = performance.now();
    const res = await berth();
    b.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`system.df answered ${res.status}`);
  }
  agent.destroy();
  const counts = JSON.parse((await berth()).body).result.data.totals;
  ctx.report(`system.df (${counts.images.count} images, ${counts.containers.count} containers)`, [
    ['raw GET /system/df, median of 12', fmt(median(r))],
    ['Berth system.df over HTTP, median of 12', fmt(median(b))],
    ['ratio (target ≤ 1.3×)', `${(median(b) / median(r)).toFixed(2)}×`],
  ]);
}
