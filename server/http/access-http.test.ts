import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, startBerth } from '@/server/main';
import { runContainer, testDocker, testRegistry, uniqueName } from '@/test/harness';

const docker = testDocker();
const ADMIN = 'access-admin-token';
let berth: Berth;
let base: string;
const created: string[] = [];

async function call(path: string, opts: { token?: string; cookie?: string; input?: unknown; method?: 'GET' | 'POST'; headers?: Record<string, string> } = {}) {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  let url = `${base}/api/trpc/${path}`;
  let body: string | undefined;
  if (method === 'GET' && opts.input !== undefined) url += `?input=${encodeURIComponent(JSON.stringify(opts.input))}`;
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.input ?? {});
  }
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { text };
  }
  return { status: res.status, json };
}

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-access-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await berth.close();
});

async function viewerToken(): Promise<string> {
  const name = uniqueName('viewer').slice(0, 60);
  const user = await call('access.createUser', { token: ADMIN, method: 'POST', input: { name, role: 'viewer', password: 'correct horse battery' } });
  expect(user.status).toBe(200);
  const tok = await call('access.createToken', { token: ADMIN, method: 'POST', input: { name: 'ci', userId: user.json.result.data.id } });
  return tok.json.result.data.token as string;
}

describe('the guard', () => {
  it('answers 403 to a foreign Host before any routing', async () => {
    // fetch cannot set Host, so this goes through node:http, as a DNS-rebinding page's request would arrive.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/trpc/engines.list`, { headers: { host: 'attacker.example', authorization: `Bearer ${ADMIN}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses a mutation with a foreign Origin and changes nothing', async () => {
    const name = uniqueName('origin');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const res = await call('containers.stop', { token: ADMIN, method: 'POST', input: { engine: 'default', id: name }, headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
    expect((await c.inspect()).State.Running).toBe(true);
  });

  it('sends strict security headers and no CORS', async () => {
    const res = await fetch(`${base}/api/health`, { headers: { origin: 'http://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('roles and tokens', () => {
  it("refuses a viewer's mutation with 403 and leaves the container running, but lets the viewer read", async () => {
    const token = await viewerToken();
    const name = uniqueName('viewer-target');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const stop = await call('containers.stop', { token, method: 'POST', input: { engine: 'default', id: name } });
    expect(stop.status).toBe(403);
    expect((await c.inspect()).State.Running).toBe(true);
    const list = await call('containers.list', { token, input: { engine: 'default' } });
    expect(list.status).toBe(200);
  });

  it('masks secret-looking environment values and labels for viewers only', async () => {
    const token = await viewerToken();
    const name = uniqueName('secrets');
    const c = await docker.createContainer({
      name,
      Image: 'berth-test/busybox:latest',
      Cmd: ['true'],
      Env: ['DB_PASSWORD=hunter2hunter2', 'API_TOKEN=abc123', 'MODE=prod'],
      Labels: { 'app.secret': 'topsecretvalue', tier: 'web' },
    });
    created.push(c.id);
    const asViewer = await call('containers.inspect', { token, input: { engine: 'default', id: name } });
    const detail = asViewer.json.result.data;
    expect(detail.env).toContainEqual({ key: 'MODE', value: 'prod' });
    expect(detail.env.find((e: { key: string }) => e.key === 'DB_PASSWORD').value).not.toContain('hunter2');
    expect(detail.raw).not.toContain('hunter2hunter2');
    expect(detail.raw).not.toContain('topsecretvalue');
    expect(detail.labels).toContainEqual({ key: 'tier', value: 'web' });
    const asAdmin = await call('containers.inspect', { token: ADMIN, input: { engine: 'default', id: name } });
    expect(asAdmin.json.result.data.raw).toContain('hunter2hunter2');
  });

  it('rejects revoked and expired tokens with 401', async () => {
    const made = await call('access.createToken', { token: ADMIN, method: 'POST', input: { name: 'short-lived' } });
    const { token, row } = made.json.result.data;
    expect((await call('engines.current', { token })).status).toBe(200);
    await call('access.revokeToken', { token: ADMIN, method: 'POST', input: { id: row.id } });
    expect((await call('engines.current', { token })).status).toBe(401);

    const expiring = berth.access.accounts.createToken(row.userId, 'expired', Date.now() - 1000);
    expect((await call('engines.current', { token: expiring.token })).status).toBe(401);
  });

  it('slows down repeated wrong sign-ins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${base}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ token: `wrong-${i}` }),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()).error.message).toMatch(/Too many failed sign-ins/);
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(40);
    // Even the right token waits until the back-off has passed.
    const right = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ token: ADMIN }) });
    expect(right.status).toBe(429);
    berth.access.limiter.succeed('127.0.0.1');
    berth.access.limiter.succeed('::ffff:127.0.0.1');
  });
});

describe('share links', () => {
  it('reach their container only, read-only, until revoked', async () => {
    const mine = uniqueName('shared');
    const other = uniqueName('private');
    const a = await runContainer(docker, { name: mine, cmd: ['sh', '-c', 'echo shared-line; sleep 3600'] });
    const b = await runContainer(docker, { name: other });
    created.push(a.id, b.id);
    const made = await call('access.createShare', { token: ADMIN, method: 'POST', input: { name: 'on call', engine: 'default', kind: 'container', target: mine, expiresInHours: 1 } });
    expect(made.status).toBe(200);
    const open = await fetch(`${base}${made.json.result.data.path}`, { redirect: 'manual' });
    expect(open.status).toBe(302);
    expect(open.headers.get('location')).toBe(`/e/default/containers/${mine}/logs`);
    const cookie = open.headers.get('set-cookie')!.split(';')[0]!;

    expect((await call('containers.inspect', { cookie, input: { engine: 'default', id: mine } })).status).toBe(200);
    expect((await call('containers.inspect', { cookie, input: { engine: 'default', id: other } })).status).toBe(403);
    expect((await call('images.list', { cookie, input: { engine: 'default' } })).status).toBe(403);
    const list = await call('containers.list', { cookie, input: { engine: 'default' } });
    expect(list.json.result.data.map((r: { name: string }) => r.name)).toEqual([mine]);
    expect((await call('containers.stop', { cookie, method: 'POST', input: { engine: 'default', id: mine } })).status).toBe(403);
    expect((await a.inspect()).State.Running).toBe(true);

    await call('access.revokeShare', { token: ADMIN, method: 'POST', input: { id: made.json.result.data.row.id } });
    expect((await call('containers.inspect', { cookie, input: { engine: 'default', id: mine } })).status).toBe(401);
    expect((await fetch(`${base}${made.json.result.data.path}`, { redirect: 'manual' })).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('records each mutation with who, engine, action, target and result', async () => {
    const name = uniqueName('audited');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    await call('containers.stop', { token: ADMIN, method: 'POST', input: { engine: 'default', id: name, timeout: 0 } });
    await call('containers.pause', { token: ADMIN, method: 'POST', input: { engine: 'default', id: name } });
    const log = await call('access.audit', { token: ADMIN, input: { q: name } });
    const entries = log.json.result.data as { user: string; engine: string; action: string; target: string; result: string; detail: string | null }[];
    expect(entries[0]).toMatchObject({ user: 'admin', engine: 'default', action: 'containers.pause', target: name, result: 'error' });
    expect(entries[0]!.detail).toContain('is not running');
    expect(entries[1]).toMatchObject({ action: 'containers.stop', target: name, result: 'ok' });
  });
});
