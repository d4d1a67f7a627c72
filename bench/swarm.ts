// Benchmark: swarm.services through Berth's HTTP API vs raw GET /services + GET /tasks on the manager's socket, with
// 200 one-replica services on the three-node test swarm; and the services page in headless Chromium.
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { chromium } from 'playwright-core';
import { TEST_IMAGE } from '../test/engine';
import { startTestSwarm } from '../test/swarm';
import type { BenchContext } from './context';
import { fmt, httpGet, median, pool } from './util';

const SERVICES = 200;
const ENGINE = 'swarm';

async function createServices(api: Docker, total: number): Promise<void> {
  await pool(total, 4, async (i) => {
    const name = `bench-svc-${String(i).padStart(3, '0')}`;
    // A manager under this load may answer "deadline exceeded" for a create that goes through anyway.
    for (let attempt = 0; ; attempt++) {
      try {
        await createOne(api, name);
        return;
      } catch (err) {
        const exists = await api.getService(name).inspect().then(() => true, () => false);
        if (exists) return;
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  });
}

async function createOne(api: Docker, name: string): Promise<void> {
  await api.createService({
    Name: name,
    TaskTemplate: {
      ContainerSpec: { Image: TEST_IMAGE, Args: ['sleep', '3600'], Init: true, StopGracePeriod: 1_000_000_000 },
      Resources: { Limits: { MemoryBytes: 16 * 1024 * 1024, NanoCPUs: 50_000_000 } },
    },
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: { Mode: 'dnsrr' },
  } as Docker.CreateServiceOptions);
}

/** Waits (bounded) until every service has its task running; returns how many do. */
async function waitRunning(api: Docker, total: number, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let running = 0;
  while (Date.now() < deadline) {
    const tasks = (await api.listTasks({ filters: { 'desired-state': ['running'] } })) as { Status?: { State?: string } }[];
    running = tasks.filter((t) => t.Status?.State === 'running').length;
    if (running >= total) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return running;
}

const spread = (values: number[]) => `${fmt(median(values))} (best ${fmt(Math.min(...values))}, worst ${fmt(Math.max(...values))})`;

export async function benchSwarm(ctx: BenchContext): Promise<void> {
  const t0 = performance.now();
  const swarm = await startTestSwarm();
  const started = performance.now() - t0;
  const stopEngine = ctx.registry.add({
    id: 'bench-swarm',
    offer: () => ({ engines: [{ name: ENGINE, kind: 'socket', host: `unix://${swarm.manager}`, description: 'the test swarm manager' }] }),
  });
  try {
    const api = new Docker({ socketPath: swarm.manager });
    const t1 = performance.now();
    await createServices(api, SERVICES);
    const running = await waitRunning(api, SERVICES, 300_000);
    const converged = performance.now() - t1;

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const berthPath = `/api/trpc/swarm.services?input=${encodeURIComponent(JSON.stringify({ engine: ENGINE }))}`;
    const tasksPath = `/tasks?filters=${encodeURIComponent(JSON.stringify({ 'desired-state': ['running'] }))}`;
    // The raw client does what a dashboard needs for the same rows: both lists, side by side.
    const raw = () => Promise.all([httpGet({ socketPath: swarm.manager, path: '/services' }), httpGet({ socketPath: swarm.manager, path: tasksPath })]);
    const berth = () => httpGet({ port: ctx.port, path: berthPath, headers: { authorization: `Bearer ${ctx.token}` }, agent });
    for (let i = 0; i < 10; i++) {
      await raw();
      await berth();
    }
    const rawTimes: number[] = [];
    const berthTimes: number[] = [];
    // Interleaved, so both see the same machine noise.
    for (let i = 0; i < 40; i++) {
      let t = performance.now();
      const [s, k] = await raw();
      rawTimes.push(performance.now() - t);
      t = performance.now();
      const b = await berth();
      berthTimes.push(performance.now() - t);
      if (s.status !== 200 || k.status !== 200 || b.status !== 200) throw new Error(`unexpected status raw=${s.status}/${k.status} berth=${b.status}: ${b.body.slice(0, 300)}`);
    }
    const rows = (JSON.parse((await berth()).body) as { result: { data: unknown[] } }).result.data.length;
    agent.destroy();

    const pageRows: [string, string][] = [];
    // The page needs a production build of the UI (`npm run build`); without one only the API is measured.
    const built = existsSync(join(dirname(fileURLToPath(import.meta.url)), '..', '.next', 'BUILD_ID'));
    if (!built) pageRows.push(['services page', 'not measured: no UI build (npm run build)']);
    const browser = !built
      ? null
      : await chromium
      .launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] })
      .catch(() => null);
    if (browser) {
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
        await page.goto(`http://127.0.0.1:${ctx.port}/login?token=${encodeURIComponent(ctx.token)}&next=/e/default/overview`);
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          await page.goto(`http://127.0.0.1:${ctx.port}/e/${ENGINE}/swarm/services`);
          // Every service is counted and the rows in view are there (long lists render the rows in view).
          await page.waitForFunction(
            `document.querySelector('main')?.textContent.includes('${SERVICES} services') && document.querySelectorAll('[data-service]').length >= 20`,
            undefined,
            { timeout: 60_000, polling: 'raf' },
          );
          times.push(performance.now() - t);
        }
        // The last service is there at the bottom of the list.
        await page.locator('main .overflow-auto').last().evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await page.locator(`[data-service="bench-svc-${String(SERVICES - 1).padStart(3, '0')}"]`).waitFor({ timeout: 10_000 });
        pageRows.push(['services page: navigation → all counted and the rows in view, median of 5 (target < 1 s)', spread(times)]);
      } catch (err) {
        pageRows.push(['services page', `not measured: ${(err as Error).message.split('\n')[0]}`]);
      } finally {
        await browser.close();
      }
    }
    ctx.report(`swarm.services (${rows} services, ${running} tasks running on 3 nodes)`, [
      ['test swarm start (3 dockerds, swarm formed)', fmt(started)],
      [`${SERVICES} services created and running`, fmt(converged)],
      ['raw GET /services + GET /tasks, median', spread(rawTimes)],
      ['Berth swarm.services over HTTP, median', spread(berthTimes)],
      ['ratio (target ≤ 1.3×)', `${(median(berthTimes) / median(rawTimes)).toFixed(2)}×`],
      ...pageRows,
    ]);
  } finally {
    stopEngine();
    const t = performance.now();
    await swarm.stop();
    console.log(`  (test swarm stopped in ${fmt(performance.now() - t)})`);
  }
}
