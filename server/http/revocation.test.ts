// Rights end when they are taken away: open WebSockets and SSE streams, and sessions made from tokens.
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Berth, startBerth } from '@/server/main';
import type { AppRouter } from '@/server/routers/_app';
import { runContainer, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { readSse } from '@/test/sse';

const docker = testDocker();
const ADMIN = 'revocation-admin-token';
let berth: Berth;
let base: string;
let port: number;
let ticker: string;
const created: string[] = [];

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-revoke-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
  ticker = uniqueName('revoke-tick');
  const c = await runContainer(docker, { name: ticker, labels: { 'com.docker.compose.project': 'revoke-demo' }, cmd: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); usleep 50000; done'] });
  created.push(c.id);
});

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await berth.close();
});

async function post(path: string, input: unknown, auth: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) {
  const body = typeof input === 'string' ? input : JSON.stringify(input);
  const res = await fetch(`${base}/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

async function get(path: string, input: unknown, auth: Record<string, string>) {
  const res = await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: auth, redirect: 'manual' });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

/** A user with a password, and a session cookie for them from the password sign-in. */
async function userWithSession(role: 'admin' | 'viewer') {
  const name = uniqueName(role).slice(0, 60);
  const made = await post('access.createUser', { name, role, password: 'correct horse battery staple' });
  expect(made.status).toBe(200);
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username: name, password: 'correct horse battery staple' }),
  });
  expect(login.status).toBe(200);
  return { id: made.json.result.data.id as number, name, cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}

async function adminToken(): Promise<{ token: string; id: number }> {
  const made = await post('access.createToken', { name: uniqueName('tok').slice(0, 60) });
  return { token: made.json.result.data.token, id: made.json.result.data.row.id };
}

function wsClient(headers: Record<string, string>) {
  const Socket = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin: base, ...headers } });
    }
  };
  const ws = createWSClient({ url: `ws://127.0.0.1:${port}/api/trpc`, WebSocket: Socket as never, retryDelayMs: () => 60_000 });
  return { ws, trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }) };
}

/** Subscribes to a live log; resolves with the error the stream ends with, and the time it took from `since()`. */
function followUntilError(trpc: ReturnType<typeof wsClient>['trpc']) {
  let lines = 0;
  let mark = 0;
  const ended = new Promise<{ code?: string; ms: number }>((resolve) => {
    trpc.containers.logs.subscribe(
      { engine: 'default', id: ticker, follow: true, tail: 0 },
      {
        onData: () => lines++,
        onError: (err) => resolve({ code: (err as { data?: { code?: string } }).data?.code, ms: Date.now() - mark }),
      },
    );
  });
  return { ended, lines: () => lines, from: () => (mark = Date.now()) };
}

async function until(what: string, fn: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('an open WebSocket', () => {
  it('refuses the next call and ends its streams once its token is revoked', async () => {
    const { token, id } = await adminToken();
    const { ws, trpc } = wsClient({ authorization: `Bearer ${token}` });
    const stream = followUntilError(trpc);
    await until('log lines', () => stream.lines() > 2);
    expect((await trpc.access.createToken.mutate({ name: 'while valid' })).token).toMatch(/^berth_/);

    stream.from();
    expect((await post('access.revokeToken', { id })).status).toBe(200);
    const end = await stream.ended;
    expect(end.code).toBe('UNAUTHORIZED');
    expect(end.ms).toBeLessThan(1_000);
    await expect(trpc.access.createToken.mutate({ name: 'after revoke' })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    ws.close();
  });

  it('refuses admin calls after the user is demoted to viewer, and ends the old streams', async () => {
    const admin = await userWithSession('admin');
    const { ws, trpc } = wsClient({ cookie: admin.cookie });
    const stream = followUntilError(trpc);
    await until('log lines', () => stream.lines() > 2);
    stream.from();
    expect((await post('access.setRole', { id: admin.id, role: 'viewer' })).status).toBe(200);
    const end = await stream.ended;
    expect(end.code).toBe('FORBIDDEN');
    expect(end.ms).toBeLessThan(1_000);
    await expect(trpc.access.createToken.mutate({ name: 'demoted' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    // Still a viewer: reading goes on.
    expect((await trpc.engines.current.query()).name).toBe('default');
    ws.close();
  });

  it('ends after "sign out everywhere"', async () => {
    const admin = await userWithSession('admin');
    const { ws, trpc } = wsClient({ cookie: admin.cookie });
    const stream = followUntilError(trpc);
    await until('log lines', () => stream.lines() > 2);
    stream.from();
    const out = await fetch(`${base}/api/logout?everywhere=1`, { method: 'POST', headers: { cookie: admin.cookie, origin: base }, redirect: 'manual' });
    expect(out.status).toBe(303);
    const end = await stream.ended;
    expect(end.code).toBe('UNAUTHORIZED');
    expect(end.ms).toBeLessThan(1_000);
    await expect(trpc.containers.list.query({ engine: 'default' })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    ws.close();
  });
});

describe('an open SSE stream', () => {
  /** Follows the log over SSE; resolves with the error event's code and how long after `from()` it came. */
  function followSseUntilEnd(auth: Record<string, string>) {
    let lines = 0;
    let mark = 0;
    const url = `${base}/api/trpc/containers.logs?input=${encodeURIComponent(JSON.stringify({ engine: 'default', id: ticker, follow: true, tail: 0 }))}`;
    let code: string | undefined;
    const done = readSse(url, {
      headers: auth,
      signal: AbortSignal.timeout(20_000),
      onEvent: (e) => {
        if (e.event === 'serialized-error') {
          code = JSON.parse(e.data).data?.code;
          return false;
        }
        if (!e.event && e.data) lines++;
      },
    }).then(() => ({ code, ms: Date.now() - mark }));
    return { done, lines: () => lines, from: () => (mark = Date.now()) };
  }

  it("of a share link ends when the link is revoked", async () => {
    const made = await post('access.createShare', { name: 'team board', engine: 'default', kind: 'container', target: ticker, expiresInHours: 1 });
    const open = await fetch(`${base}${made.json.result.data.path}`, { redirect: 'manual' });
    const cookie = open.headers.get('set-cookie')!.split(';')[0]!;
    const stream = followSseUntilEnd({ cookie });
    await until('log lines', () => stream.lines() > 2);
    stream.from();
    expect((await post('access.revokeShare', { id: made.json.result.data.row.id })).status).toBe(200);
    const end = await stream.done;
    expect(end.code).toBe('UNAUTHORIZED');
    expect(end.ms).toBeLessThan(1_000);
  });

  it('of a token ends when the token expires', async () => {
    const userId = berth.access.accounts.users().find((u) => u.name === 'admin')!.id;
    const { token } = berth.access.accounts.createToken(userId, 'short', Date.now() + 1_500);
    const stream = followSseUntilEnd({ authorization: `Bearer ${token}` });
    await until('log lines', () => stream.lines() > 2);
    const end = await stream.done;
    expect(end.code).toBe('UNAUTHORIZED');
  });
});

describe('a session made from a token', () => {
  async function signInWith(token: string): Promise<string> {
    const res = await fetch(`${base}/login?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('ends when the token is revoked', async () => {
    const { token, id } = await adminToken();
    const cookie = await signInWith(token);
    expect((await get('engines.current', undefined, { cookie })).status).toBe(200);
    await post('access.revokeToken', { id });
    expect((await get('engines.current', undefined, { cookie })).status).toBe(401);
  });

  it('ends when the token expires, and its cookie never outlives the token', async () => {
    const userId = berth.access.accounts.users().find((u) => u.name === 'admin')!.id;
    const { token } = berth.access.accounts.createToken(userId, 'expiring', Date.now() + 1_200);
    const res = await fetch(`${base}/login?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
    const maxAge = Number(/Max-Age=(\d+)/.exec(res.headers.get('set-cookie')!)![1]);
    expect(maxAge).toBeLessThanOrEqual(2);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get('engines.current', undefined, { cookie })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await get('engines.current', undefined, { cookie })).status).toBe(401);
  });
});

describe('upgrades that are not served', () => {
  /** Sends a raw upgrade request; resolves with the status line once the server has closed the socket. */
  function upgrade(path: string, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1');
      let text = '';
      s.on('data', (d) => (text += d.toString()));
      s.on('error', reject);
      s.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
      s.setTimeout(5_000, () => {
        s.destroy();
        reject(new Error(`no answer to the upgrade of ${path}`));
      });
      s.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    });
  }

  it('are answered and closed, leaving no socket open', async () => {
    const connections = () => new Promise<number>((resolve) => setTimeout(() => berth.server.getConnections((_, n) => resolve(n)), 200));
    const before = await connections();
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => upgrade(i % 3 === 0 ? '/anything' : i % 3 === 1 ? '/_next/webpack-hmr' : '/api/other', i % 2 ? 'evil.example' : `127.0.0.1:${port}`)),
    );
    expect(statuses.every((s) => /^HTTP\/1\.1 (403|404)/.test(s))).toBe(true);
    expect(statuses.filter((s) => s.includes('403'))).toHaveLength(30);
    expect(await connections()).toBeLessThanOrEqual(before);
  });
});

describe('bad input and refusals', () => {
  it('answers a deeply nested id with 400 and a sentence, and audits it', async () => {
    const depth = 100_000;
    const res = await post('containers.stop', `{"engine":"default","id":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^id: /);
    const log = berth.access.audit.list({ action: 'containers.stop', limit: 1 });
    expect(log[0]).toMatchObject({ result: 'error', action: 'containers.stop' });
    expect(log[0]!.detail).toMatch(/^id: /);
  });

  it('names the token, user and share link it acted on, not their row ids', async () => {
    const made = await post('access.createToken', { name: 'ci pipeline' });
    await post('access.revokeToken', { id: made.json.result.data.row.id });
    expect(berth.access.audit.list({ action: 'access.revokeToken', limit: 1 })[0]).toMatchObject({ target: 'ci pipeline', result: 'ok' });
    const viewer = await userWithSession('viewer');
    await post('access.removeUser', { id: viewer.id });
    expect(berth.access.audit.list({ action: 'access.removeUser', limit: 1 })[0]).toMatchObject({ target: viewer.name, result: 'ok' });
  });

  it("audits a viewer's refused mutation", async () => {
    const viewer = await userWithSession('viewer');
    const res = await post('containers.stop', { engine: 'default', id: ticker }, { cookie: viewer.cookie, origin: base });
    expect(res.status).toBe(403);
    const log = berth.access.audit.list({ user: viewer.name, limit: 1 });
    expect(log[0]).toMatchObject({ user: viewer.name, role: 'viewer', action: 'containers.stop', target: ticker, result: 'error' });
  });

  it('refuses a body larger than it accepts before reading it', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const s = connect(port, '127.0.0.1');
      let text = '';
      s.on('data', (d) => (text += d.toString()));
      s.on('close', () => resolve(Number(text.split(' ')[1])));
      s.on('error', reject);
      // Announce 50 MB, send only the headers: the answer must come without the body.
      s.write(`POST /api/trpc/containers.stop HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${ADMIN}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n`);
    });
    expect(res).toBe(413);
  });
});
