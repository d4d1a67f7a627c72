import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listContainers } from '../docker/containers';
import { inspectImage } from '../docker/images';
import { BerthError } from '../errors';
import { testCaller } from '@/test/harness';
import { createClient } from './client';
import { deadlineFor } from './guard';
import { EngineRegistry } from './registry';
import { openEngineStream } from './wire';

interface Fake {
  host: string;
  /** Server-side sockets: a socket Berth gave up on must end up destroyed here. */
  sockets: Socket[];
  requests: string[];
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function listen(server: Server, at: string | number): Promise<void> {
  return new Promise((resolve) => (typeof at === 'number' ? server.listen(at, '127.0.0.1', resolve) : server.listen(at, resolve)));
}

/** An engine on a unix socket in a temporary directory that answers with `handler`. */
async function fakeEngine(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Fake> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-fake-engine-'));
  const fake: Fake = { host: `unix://${join(dir, 'docker.sock')}`, sockets: [], requests: [] };
  const server = createServer((req, res) => {
    fake.requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  server.on('connection', (s) => fake.sockets.push(s));
  await listen(server, join(dir, 'docker.sock'));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });
  return fake;
}

/** A loopback server that counts the requests reaching it. */
async function counter(): Promise<{ port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('{}');
  });
  await listen(server, 0);
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return { port: (server.address() as AddressInfo).port, hits: () => hits };
}

function registryFor(fake: Fake): EngineRegistry {
  const empty = mkdtempSync(join(tmpdir(), 'berth-dockercfg-'));
  return new EngineRegistry({ env: { DOCKER_HOST: fake.host, DOCKER_CONFIG: empty } as unknown as NodeJS.ProcessEnv, homeDir: empty, socketPath: join(empty, 'no.sock') });
}

const spec = (fake: Fake) => ({ name: 'fake', kind: 'env' as const, host: fake.host, description: 'fake' });

describe('an engine that answers with a redirect', () => {
  // dockerd cleans paths holding "..": /images/x/../../../127.0.0.1:PORT/p/json gets a 301 to /127.0.0.1:PORT/p/json.
  it.each([
    ['a path, as dockerd sends', (port: number) => `/127.0.0.1:${port}/steal`],
    ['an absolute URL', (port: number) => `http://127.0.0.1:${port}/steal`],
  ])('is not followed when the Location is %s', async (_form, location) => {
    const target = await counter();
    const fake = await fakeEngine((_req, res) => {
      res.writeHead(301, { location: location(target.port) });
      res.end('Moved Permanently');
    });
    const caller = await testCaller({ name: 'viewer', role: 'viewer' }, registryFor(fake));

    const err = await caller.images.inspect({ engine: 'docker-host', id: 'busybox:latest' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/answered with a redirect, which Berth does not follow/);
    const listed = await caller.containers.list({ engine: 'docker-host' }).catch((e: Error) => e);
    expect((listed as Error).message).toMatch(/answered with a redirect, which Berth does not follow/);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(target.hits()).toBe(0);
  });

  it('fails with a sentence when the Location leads nowhere, and nothing is thrown elsewhere', async () => {
    const probe = createServer();
    await listen(probe, 0);
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const fake = await fakeEngine((_req, res) => {
      res.writeHead(301, { location: `/127.0.0.1:${port}/nothing-listens` });
      res.end();
    });
    const err = await inspectImage(createClient(spec(fake)), 'busybox').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).message).toBe(`The engine at the socket ${fake.host.slice('unix://'.length)} answered with a redirect, which Berth does not follow.`);
  });
});

describe('an engine that never answers', () => {
  it('fails the call with a timeout sentence and closes the socket', async () => {
    const fake = await fakeEngine(() => {});
    const api = createClient(spec(fake), { deadlineMs: 300 });
    const where = `the socket ${fake.host.slice('unix://'.length)}`;

    await expect(inspectImage(api, 'busybox')).rejects.toMatchObject({ code: 'TIMEOUT', message: `The engine at ${where} did not answer within 300 ms.` });
    await expect(listContainers(api)).rejects.toMatchObject({ code: 'TIMEOUT', message: `The engine at ${where} did not answer within 300 ms.` });
    await expect(api.getImage('busybox').tag({ repo: 'x', tag: 'y' })).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('It may still carry the change out.') });

    expect(fake.sockets.length).toBeGreaterThan(0);
    await Promise.all(fake.sockets.map((s) => (s.destroyed ? undefined : new Promise((r) => s.once('close', r)))));
    expect(fake.sockets.every((s) => s.destroyed)).toBe(true);
  });

  it('leaves streams open past the deadline', async () => {
    const fake = await fakeEngine((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      setTimeout(() => res.end('{"status":"start"}\n'), 900);
    });
    const stream = await openEngineStream(createClient(spec(fake), { deadlineMs: 300 }), '/events', {}, {});
    let body = '';
    for await (const chunk of stream) body += String(chunk);
    expect(body).toBe('{"status":"start"}\n');
  });
});

describe('which calls get a deadline', () => {
  const call = (method: string, path: string, query: Record<string, unknown> = {}, stream = false) => deadlineFor({ method, path, query, stream }, 30_000);

  it('gives lookups and changes the deadline, and streams and calls that wait on purpose none', () => {
    expect(call('GET', '/images/busybox/json')).toBe(30_000);
    expect(call('DELETE', '/images/busybox')).toBe(30_000);
    expect(call('GET', '/containers/web/logs', { follow: true }, true)).toBeNull();
    expect(call('GET', '/system/df')).toBeNull();
    expect(call('POST', '/build/prune')).toBeNull();
    expect(call('POST', '/containers/web/wait')).toBeNull();
    // Stopping waits up to t seconds on purpose.
    expect(call('POST', '/containers/web/stop', { t: 60 })).toBe(90_000);
    expect(call('POST', '/containers/web/restart')).toBeNull();
  });
});
