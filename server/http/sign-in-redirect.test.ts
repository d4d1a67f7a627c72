import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, startBerth } from '@/server/main';
import { testRegistry } from '@/test/harness';
import { type RawResponse, rawRequest } from '@/test/raw-http';

const ADMIN = 'redirect-admin-token';
let berth: Berth;
let base: string;

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-redirect-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => berth.close());

// `next` as the server receives it, after the query or form is decoded.
const HOSTILE = ['/\t/evil.example/', '/\t/evil.example', '/\\evil.example', '/\r\nSet-Cookie:x', '//evil', 'https://evil', '/.//evil.example', ' //evil.example', '/\n/evil.example'];

/** Where a browser goes: it resolves Location with the WHATWG URL parser, which drops tabs and newlines. */
function destination(res: RawResponse): URL {
  expect([302, 303]).toContain(res.status);
  return new URL(String(res.headers.location), base);
}

const viaLink = (next: string, rawNext = encodeURIComponent(next)) => rawRequest(`${base}/login?token=${ADMIN}&next=${rawNext}`);
const viaForm = (next: string) =>
  rawRequest(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: ADMIN, next }).toString(),
  });

describe('after sign-in, the browser stays on Berth', () => {
  it.each(HOSTILE)('through the token link with next=%j', async (next) => {
    const to = destination(await viaLink(next));
    expect(to.origin).toBe(base);
    expect(to.pathname.startsWith('//')).toBe(false);
  });

  it.each(HOSTILE)('through the sign-in form with next=%j', async (next) => {
    const to = destination(await viaForm(next));
    expect(to.origin).toBe(base);
    expect(to.pathname.startsWith('//')).toBe(false);
  });

  it('reads next=/%09/evil.example/ written into the link as the tab it stands for', async () => {
    expect(destination(await viaLink('', '/%09/evil.example/')).origin).toBe(base);
  });

  it('follows a newline-led path to that path, and keeps an ordinary path with its query', async () => {
    expect(destination(await viaLink('\n/x')).pathname).toBe('/x');
    expect((await viaLink('/ok?x=1')).headers.location).toBe('/ok?x=1');
    expect((await viaForm('/ok?x=1')).headers.location).toBe('/ok?x=1');
    const json = await rawRequest(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ token: ADMIN, next: '/\t/evil.example' }),
    });
    expect(json.status).toBe(200);
    expect(new URL(JSON.parse(json.body).next, base).origin).toBe(base);
  });
});
