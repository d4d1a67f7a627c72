import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Berth, startBerth } from '@/server/main';
import type { AppRouter } from '@/server/routers/_app';
import { runContainer, testDocker, testRegistry, uniqueName } from '@/test/harness';

const docker = testDocker();
const TOKEN = 'ws-test-token';
let berth: Berth;
let port = 0;
const created: string[] = [];
const tickers: string[] = [];

function socketClass(headers: Record<string, string>, opened: WebSocket[]) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      opened.push(this);
    }
  };
}

function client(opened: WebSocket[], headers = { authorization: `Bearer ${TOKEN}`, origin: `http://127.0.0.1:${port}` }) {
  const ws = createWSClient({ url: `ws://127.0.0.1:${port}/api/trpc`, WebSocket: socketClass(headers, opened) as never, retryDelayMs: () => 100 });
  return { ws, trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }) };
}

function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const s = new WebSocket(`ws://127.0.0.1:${port}/api/trpc`, { headers });
    s.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    s.on('open', () => {
      s.close();
      resolve(101);
    });
    s.on('error', () => {});
  });
}

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-ws-')), token: TOKEN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  for (let i = 0; i < 3; i++) {
    const name = uniqueName('tick');
    const c = await runContainer(docker, { name, cmd: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); usleep 20000; done'] });
    created.push(c.id);
    tickers.push(name);
  }
});

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await berth.close();
});

describe('the tab WebSocket', () => {
  it('refuses upgrades without a session, from another site, or for a foreign host', async () => {
    const origin = `http://127.0.0.1:${port}`;
    expect(await upgradeStatus({ origin })).toBe(401);
    expect(await upgradeStatus({ origin: 'http://evil.example', authorization: `Bearer ${TOKEN}` })).toBe(403);
    expect(await upgradeStatus({ origin, authorization: `Bearer ${TOKEN}`, host: 'attacker.example' })).toBe(403);
    expect(await upgradeStatus({ origin, authorization: `Bearer ${TOKEN}` })).toBe(101);
  });

  it('carries 12 live streams on one connection and still answers queries', async () => {
    const opened: WebSocket[] = [];
    const { ws, trpc } = client(opened);
    const counts = new Array(12).fill(0) as number[];
    const subs = counts.map((_, i) =>
      trpc.containers.logs.subscribe(
        { engine: 'default', id: tickers[i % 3]!, follow: true, tail: 0 },
        { onData: (e) => (counts[i]! += e.data.text.length) },
      ),
    );
    const deadline = Date.now() + 10_000;
    while (counts.some((c) => c < 5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(counts.every((c) => c >= 5)).toBe(true);
    const rows = await trpc.containers.list.query({ engine: 'default' });
    expect(rows.some((r) => r.name === tickers[0])).toBe(true);
    expect(opened).toHaveLength(1);
    for (const s of subs) s.unsubscribe();
    await ws.close();
  });

  it('resumes a log stream after the connection drops, with no gap and no duplicate', async () => {
    const opened: WebSocket[] = [];
    const { ws, trpc } = client(opened);
    const ticks: number[] = [];
    const sub = trpc.containers.logs.subscribe(
      { engine: 'default', id: tickers[0]!, follow: true, tail: 5 },
      { onData: (e) => ticks.push(...e.data.text.map((t) => Number(t.split(' ')[1]))) },
    );
    while (ticks.length < 20) await new Promise((r) => setTimeout(r, 20));
    opened[0]!.terminate();
    const target = ticks.length + 40;
    const deadline = Date.now() + 15_000;
    while (ticks.length < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    await ws.close();
    expect(opened.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeGreaterThanOrEqual(target);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBe(ticks[i - 1]! + 1);
  });
});
