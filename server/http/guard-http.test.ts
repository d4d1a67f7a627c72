import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Berth, startBerth } from '@/server/main';
import { testRegistry } from '@/test/harness';
import { rawRequest } from '@/test/raw-http';

const TOKEN = 'guard-admin-token';
let berth: Berth;
let port: number;
let base: string;

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-guard-')), token: TOKEN, allowedHosts: ['berth.internal'], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => berth.close());

const health = (host: string) => rawRequest(`${base}/api/health`, { headers: { host } });

/** The status line's code for a request written byte for byte, as node:http cannot send a header twice. */
function rawStatus(text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (got += chunk));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0)));
    socket.on('error', reject);
  });
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

describe('the Host header', () => {
  it('is read whole: a loopback literal followed by another name is refused', async () => {
    for (const host of ['[::1].evil.com', '[::1]:7627.evil.com', '[::1]evil', 'user@127.0.0.1', '127.0.0.1:80:80', 'localhost:123456', 'berth.internal.evil.com']) {
      expect((await health(host)).status, host).toBe(403);
    }
  });

  it('still admits loopback names, IPv6 loopback and listed names, with or without a port', async () => {
    for (const host of [`127.0.0.1:${port}`, 'localhost', `[::1]:${port}`, 'BERTH.internal:443']) {
      expect((await health(host)).status, host).toBe(200);
    }
  });

  it('must come once: a second Host header gets 403 whichever comes first', async () => {
    const twice = (a: string, b: string) => rawStatus(`GET /api/health HTTP/1.1\r\nHost: ${a}\r\nHost: ${b}\r\nConnection: close\r\n\r\n`);
    expect(await twice('127.0.0.1', 'evil.example')).toBe(403);
    expect(await twice('evil.example', '127.0.0.1')).toBe(403);
    expect(await rawStatus(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).toBe(200);
  });
});

describe('the Origin of changes and WebSocket upgrades', () => {
  const signOut = (headers: Record<string, string>) => rawRequest(`${base}/api/logout`, { method: 'POST', headers });

  it('must have the scheme of the server, not only its host and port', async () => {
    expect((await signOut({ origin: `https://127.0.0.1:${port}` })).status).toBe(403);
    expect((await signOut({ origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await signOut({ origin: base })).status).toBe(303);
  });

  it('is https when the proxy in front says it received https', async () => {
    expect((await signOut({ origin: `https://127.0.0.1:${port}`, 'x-forwarded-proto': 'https' })).status).toBe(303);
    expect((await signOut({ origin: base, 'x-forwarded-proto': 'https' })).status).toBe(403);
  });

  it('refuses a WebSocket from the https twin of the origin', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(await upgradeStatus({ ...auth, origin: `https://127.0.0.1:${port}` })).toBe(403);
    expect(await upgradeStatus({ ...auth, host: '[::1].evil.com', origin: 'http://[::1].evil.com' })).toBe(403);
    expect(await upgradeStatus({ ...auth, origin: base })).toBe(101);
  });
});
