// Benchmark: system.df through Berth vs the raw GET /system/df (300 images, 300 containers), and the disk page in Chromium.
import { Agent } from 'node:http';
import { chromium } from 'playwright-core';
import { TEST_IMAGE } from '../test/engine';
import { createContainers } from './containers';
import type { BenchContext } from './context';
import { fmt, httpGet, median, pool } from './util';

async function createImages(ctx: BenchContext, total: number): Promise<void> {
  const api = ctx.engine.api;
  const have = (await api.listImages()).length;
  if (have >= total) return;
  const base = await api.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], name: `bench-df-base-${Date.now()}` });
  // Commits of one container: images that share every layer but the top one, like tags of one build.
  await pool(total - have, 4, async (i) => {
    await base.commit({ repo: `bench/df-${have + i}`, tag: 'v1', changes: `ENV N=${have + i}` } as object);
  });
}

async function pageReady(ctx: BenchContext, images: number): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${ctx.port}/login?token=${encodeURIComponent(ctx.token)}&next=/e/default/overview`);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      // From the moment the df answer (with data) has fully arrived to the totals, chart and table on screen.
      const answered = page.waitForResponse(async (r) => r.url().includes('system.dfView') && (await r.text()).includes('"usage":{'));
      await page.goto(`http://127.0.0.1:${ctx.port}/e/default/disk`);
      const res = await answered;
      await res.finished();
      const t0 = performance.now();
      await page.waitForFunction(`document.querySelector('[data-total-size]') && document.querySelectorAll('table[aria-label="Images"] tbody tr').length >= ${images}`, undefined, { timeout: 30_000, polling: 'raf' });
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    await browser.close();
  }
}

export async function benchDisk(ctx: BenchContext): Promise<void> {
  const api = ctx.engine.api;
  await createContainers(api, 300);
  await createImages(ctx, 300);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const path = `/api/trpc/system.df?input=${encodeURIComponent(JSON.stringify({ engine: 'default', fresh: true }))}`;
  const raw = () => httpGet({ socketPath: ctx.engine.socket, path: '/system/df' });
  const berth = () => httpGet({ port: ctx.port, path, headers: { authorization: `Bearer ${ctx.token}` }, agent });
  await raw();
  await berth();
  const r: number[] = [];
  const b: number[] = [];
  // Interleaved, so both see the same machine and engine noise.
  for (let i = 0; i < 12; i++) {
    let t = performance.now();
    await raw();
    r.push(performance.now() - t);
    t = performance.now();
    const res = await berth();
    b.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`system.df answered ${res.status}: ${res.body.slice(0, 200)}`);
  }
  agent.destroy();
  const counts = (JSON.parse((await berth()).body) as { result: { data: { totals: { images: { count: number }; containers: { count: number } } } } }).result.data.totals;
  ctx.report(`system.df (${counts.images.count} images, ${counts.containers.count} containers)`, [
    ['raw GET /system/df, median of 12', fmt(median(r))],
    ['Berth system.df over HTTP, median of 12', fmt(median(b))],
    ['ratio (target ≤ 1.3×)', `${(median(b) / median(r)).toFixed(2)}×`],
  ]);
  const ready = await pageReady(ctx, counts.images.count);
  ctx.report(`disk page in Chromium (${counts.images.count} images, ${counts.containers.count} containers)`, [
    ['df answer received → totals, chart and image table on screen, median of 5', fmt(median(ready))],
    ['worst of 5', fmt(Math.max(...ready))],
    ['target', '< 1000 ms'],
  ]);
}
