import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type Berth, startBerth } from '@/server/main';
import { testRegistry, uniqueName } from '@/test/harness';
import { rawRequest } from '@/test/raw-http';

const hashing = vi.hoisted(() => ({ verifications: 0 }));
vi.mock('@/server/store/secrets', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/server/store/secrets')>();
  return {
    ...real,
    verifyPassword: (password: string, stored: string | null | undefined) => {
      hashing.verifications++;
      return real.verifyPassword(password, stored);
    },
  };
});

const ADMIN = 'limits-admin-token';
const PASSWORD = 'correct horse battery';
let berth: Berth;
let base: string;
let port: number;

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-limits-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => berth.close());

function signIn(fields: Record<string, string>, from: string) {
  return rawRequest(`${base}/api/login`, {
    method: 'POST',
    from,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(fields),
  });
}

function apiCall(token: string, from: string) {
  return rawRequest(`${base}/api/trpc/engines.current`, { from, headers: { authorization: `Bearer ${token}` } });
}

function upgradeStatus(token: string, from: string): Promise<number> {
  return new Promise((resolve) => {
    const s = new WebSocket(`ws://127.0.0.1:${port}/api/trpc`, { localAddress: from, headers: { authorization: `Bearer ${token}`, origin: base } });
    s.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    s.on('open', () => {
      s.close();
      resolve(101);
    });
    s.on('error', () => {});
  });
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('password guesses in parallel', () => {
  const name = uniqueName('Dave').slice(0, 60);
  beforeAll(() => berth.access.accounts.createUser(name, 'viewer', PASSWORD));

  it('answer at most five with a check of the password, the rest with 429, and hash at most five times', async () => {
    hashing.verifications = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn({ username: name, password: `guess-${i}` }, '127.0.0.2')));
    const statuses = answers.map((a) => a.status);
    expect(count(statuses, 401)).toBeLessThanOrEqual(5);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(35);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(40);
    expect(hashing.verifications).toBeLessThanOrEqual(5);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body).error.message).toMatch(/^Too many failed sign-ins: try again in \d+ s\.$/);
  });

  it('keep the user name backing off from another address, whatever its case, even for the right password', async () => {
    const res = await signIn({ username: name.toUpperCase(), password: PASSWORD }, '127.0.0.3');
    expect(res.status).toBe(429);
  });

  it('leave other users signing in from other addresses alone', async () => {
    const other = uniqueName('erin').slice(0, 60);
    await berth.access.accounts.createUser(other, 'viewer', PASSWORD);
    const res = await signIn({ username: other, password: PASSWORD }, '127.0.0.4');
    expect(res.status).toBe(200);
  });
});

describe('wrong bearer tokens on the API', () => {
  it('back off after a few: most of 40 parallel guesses get 429 with Retry-After and a sentence', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => apiCall(`berth_wrong${i}`, '127.0.0.5')));
    const statuses = answers.map((a) => a.status);
    expect(count(statuses, 401)).toBeLessThanOrEqual(5);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(35);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body).error.message).toMatch(/^Too many failed sign-ins: try again in \d+ s\.$/);
  });

  it('make the right token from that address wait too, over HTTP and the WebSocket, but not from another address', async () => {
    expect((await apiCall(ADMIN, '127.0.0.5')).status).toBe(429);
    expect(await upgradeStatus(ADMIN, '127.0.0.5')).toBe(429);
    expect((await apiCall(ADMIN, '127.0.0.6')).status).toBe(200);
    expect(await upgradeStatus(ADMIN, '127.0.0.6')).toBe(101);
  });

  it('do not block the sign-in form of that address', async () => {
    const res = await signIn({ token: ADMIN }, '127.0.0.5');
    expect(res.status).toBe(200);
  });
});
