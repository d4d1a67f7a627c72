// Benchmark: containers.list through Berth's HTTP API vs GET /containers/json on the same socket,
// and the containers page in headless Chromium with 1,000 containers.
import { Agent } from 'node:http';
import type Docker from 'dockerode';
import { chromium } from 'playwright-core';
import { TEST_IMAGE } from '../test/engine';
import type { BenchContext } from './context';
import { fmt, httpGet, median, pool } from './util';

export async function createContainers(api: Docker, total: number): Promise<void> {
  const have = (await api.listContainers({ all: true })).length;
  await pool(Math.max(0, total - have), 6, async (i) => {
    const c = await api.createContainer({
      name: `bench-${have + i}`,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: i % 5 === 0 ? { 'com.docker.compose.project': `proj${i % 7}`, 'com.docker.compose.service': `svc${i}` } : {},
    });
    // A fifth of them running, so the list has mixed states like a real engine.
    if (i % 5 === 0) await c.start();
  });
}

export async function benchContainersList(ctx: BenchContext): Promise<void> {
  await createContainers(ctx.engine.api, 224);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const berthPath = `/api/trpc/containers.list?input=${encodeURIComponent(JSON.stringify({ engine: 'default' }))}`;
  const raw = () => httpGet({ socketPath: ctx.engine.socket, path: '/containers/json?all=1' });
  const berth = () => httpGet({ port: ctx.port, path: berthPath, headers: { authorization: `Bearer ${ctx.token}` }, agent });
  for (let i = 0; i < 10; i++) {
    await raw();
    await berth();
  }
  const rawTimes: number[] = [];
  const berthTimes: number[] = [];
  // Interleaved, so both see the same machine noise.
  for (let i = 0; i < 60; i++) {
    let t = performance.now();
    const r = await raw();
    rawTimes.push(performance.now() - t);
    t = performance.now();
    const b = await berth();
    berthTimes.push(performance.now() - t);
    if (r.status !== 200 || b.status !== 200) throw new Error(`unexpected status raw=${r.status} berth=${b.status}`);
  }
  const rows = (JSON.parse((await berth()).body) as { result: { data: unknown[] } }).result.data.length;
  agent.destroy();
  const ratio = median(berthTimes) / median(rawTimes);
  ctx.report('containers.list (224 containers)', [
    ['rows', String(rows)],
    ['raw GET /containers/json?all=1, median', fmt(median(rawTimes))],
    ['Berth containers.list over HTTP, median', fmt(median(berthTimes))],
    ['ratio (target ≤ 1.1×)', `${ratio.toFixed(2)}×`],
  ]);
}

export async function benchContainersPage(ctx: BenchContext): Promise<void> {
  const total = 1000;
  await createContainers(ctx.engine.api, total);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await page.goto(`http://127.0.0.1:${ctx.port}/login?token=${encodeURIComponent(ctx.token)}&next=/e/default/overview`);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await page.goto(`http://127.0.0.1:${ctx.port}/e/default/containers?state=all`);
      // The table is windowed: it is ready when it counts every container and shows its first rows.
      await page.waitForFunction(
        `(() => { const m = /(\\d+) total/.exec(document.querySelector('main')?.textContent ?? ''); return !!m && Number(m[1]) >= ${total} && !!document.querySelector('[data-container-row]'); })()`,
        undefined,
        { timeout: 60_000, polling: 'raf' },
      );
      times.push(performance.now() - t0);
    }
    // Responsiveness while the list refreshes: the longest main-thread stall over 5 s of live refresh.
    // A string, so the bundler's helpers (which do not exist in the page) stay out of it.
    const longest = (await page.evaluate(`new Promise((resolve) => {
      let worst = 0;
      let last = performance.now();
      const end = last + 5000;
      const tick = () => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve(worst);
      };
      requestAnimationFrame(tick);
    })`)) as number;
    // The disk page with the same engine: from navigation to the totals and tables on screen.
    const diskTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await page.goto(`http://127.0.0.1:${ctx.port}/e/default/disk`);
      await page.waitForSelector('[data-total-size]', { timeout: 60_000 });
      diskTimes.push(performance.now() - t0);
    }
    // The log page of a container with 100,000 lines, opened at its end.
    const logged = await ctx.engine.api.createContainer({ name: `bench-100k-${Date.now()}`, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'seq 1 100000 | sed "s/^/log line /"'] });
    await logged.start();
    await logged.wait();
    const logTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await page.goto(`http://127.0.0.1:${ctx.port}/e/default/containers/${logged.id}/logs?tail=100000`);
      await page.getByText('log line 100000', { exact: true }).waitFor({ timeout: 60_000 });
      logTimes.push(performance.now() - t0);
    }
    await logged.remove({ force: true });
    ctx.report('log page in Chromium (100,000 lines)', [
      ['navigation → last line rendered, median of 3', fmt(median(logTimes))],
      ['target', '< 1500 ms'],
    ]);
    ctx.report(`disk page in Chromium (${total} containers)`, [['navigation → totals and tables on screen, median of 3', fmt(median(diskTimes))]]);
    ctx.report(`containers page in Chromium (${total} containers)`, [
      ['navigation → list counted and first rows on screen, median of 5', fmt(median(times))],
      ['target', '< 1500 ms'],
      ['longest frame gap during 5 s of live refresh', fmt(longest)],
    ]);
  } finally {
    await browser.close();
  }
}
