import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Berth, startBerth } from '@/server/main';
import { testRegistry } from '@/test/harness';
import { readSse } from '@/test/sse';

const TOKEN = 'base-path-token';
let berth: Berth;
let origin: string;

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-base-')), token: TOKEN, allowedHosts: [], dev: false, root: process.cwd(), basePath: '/berth' },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => berth.close());

describe('behind a reverse proxy at /berth', () => {
  it('serves everything under the base path and nothing outside it', async () => {
    expect((await fetch(`${origin}/berth/api/health`)).status).toBe(200);
    expect((await fetch(`${origin}/api/health`)).status).toBe(404);
    expect(berth.url.endsWith('/berth')).toBe(true);
  });

  it('signs in with a cookie scoped to the base path and redirects inside it', async () => {
    const res = await fetch(`${origin}/berth/login?token=${TOKEN}&next=/e/default/images`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/berth/e/default/images');
    expect(res.headers.get('set-cookie')).toMatch(/Path=\/berth;/);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(`${origin}/berth/`, { redirect: 'manual', headers: { cookie } });
    expect(page.headers.get('location')).toBe('/berth/e/default/containers');
    const anonymous = await fetch(`${origin}/berth/e/default/images`, { redirect: 'manual' });
    expect(anonymous.headers.get('location')).toBe('/berth/login?next=%2Fe%2Fdefault%2Fimages');
  });

  it('answers queries, SSE streams and the WebSocket under the base path', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const q = await fetch(`${origin}/berth/api/trpc/engines.current`, { headers: auth });
    expect((await q.json()).result.data.name).toBe('default');
    let connected = false;
    await readSse(`${origin}/berth/api/trpc/system.events?input=${encodeURIComponent(JSON.stringify({ engine: 'default' }))}`, {
      headers: auth,
      onEvent(e) {
        if (e.event === 'connected') {
          connected = true;
          return false;
        }
      },
    });
    expect(connected).toBe(true);
    const opened = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/berth/api/trpc`, { headers: { ...auth, origin } });
      ws.on('open', () => {
        ws.close();
        resolve(true);
      });
      ws.on('unexpected-response', () => resolve(false));
      ws.on('error', () => resolve(false));
    });
    expect(opened).toBe(true);
  });
});
