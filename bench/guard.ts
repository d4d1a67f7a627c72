// Benchmark: what the guard (Host check, session lookup in SQLite, audit-free read) adds to containers.list.
import { Agent, createServer } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createContextInner } from '../server/context';
import { testServices } from '../test/services';
import { appRouter } from '../server/routers/_app';
import { createContainers } from './containers';
import type { BenchContext } from './context';
import { fmt, httpGet, median } from './util';

export async function benchGuard(ctx: BenchContext): Promise<void> {
  await createContainers(ctx.engine.api, 200);
  // The same router with no guard and a fixed admin: what Berth would cost without access control.
  const bare = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: () => createContextInner({ ...testServices(ctx.registry), user: { name: 'admin', role: 'admin' } }),
  });
  const server = createServer(bare);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const barePort = (server.address() as { port: number }).port;
  const cookie = await ctx.sessionCookie();
  const path = `/api/trpc/containers.list?input=${encodeURIComponent(JSON.stringify({ engine: 'default' }))}`;
  const a1 = new Agent({ keepAlive: true, maxSockets: 1 });
  const a2 = new Agent({ keepAlive: true, maxSockets: 1 });
  const guarded = () => httpGet({ port: ctx.port, path, headers: { cookie }, agent: a1 });
  const unguarded = () => httpGet({ port: barePort, path, agent: a2 });
  for (let i = 0; i < 10; i++) {
    await guarded();
    await unguarded();
  }
  const g: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < 80; i++) {
    // Alternate which goes first, so neither always gets the warmer engine.
    const order = i % 2 ? [guarded, unguarded] : [unguarded, guarded];
    for (const fn of order) {
      const t = performance.now();
      const res = await fn();
      if (res.status !== 200) throw new Error(`containers.list answered ${res.status}`);
      (fn === guarded ? g : u).push(performance.now() - t);
    }
  }
  a1.destroy();
  a2.destroy();
  await new Promise((r) => server.close(r));
  ctx.report('guard and session check on containers.list (200 containers)', [
    ['without guard, median', fmt(median(u))],
    ['with guard and session cookie, median', fmt(median(g))],
    ['added by the guard, median', fmt(median(g) - median(u))],
    ['ratio (target ≤ 1.05×)', `${(median(g) / median(u)).toFixed(3)}×`],
  ]);
}
