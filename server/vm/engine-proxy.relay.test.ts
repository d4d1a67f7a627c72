// The engine relay against a TLS server standing in for dockerd: plain calls, a hijacked stream whose client closes
// its write side and still reads (`echo x | docker run -i … cat`), and a call held while the VM "wakes".
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certFiles, ensureCerts, readCerts } from './certs';
import { BERTH_CLIENT_HEADER, startEngineProxy, type ProxyHooks } from './engine-proxy';

const dir = mkdtempSync(join(tmpdir(), 'berth-relay-'));
const socketPath = join(dir, 'docker.sock');
let upstream: ReturnType<typeof createTlsServer>;
let proxy: Server;
const seen: string[] = [];
const state = { paused: false, wakes: [] as string[], activity: 0, holds: 0, held: 0 };

const hooks: ProxyHooks = {
  paused: () => state.paused,
  wake: async (reason) => {
    state.wakes.push(reason);
    await new Promise((r) => setTimeout(r, 50));
    state.paused = false;
  },
  whenAwake: async () => undefined,
  activity: () => void state.activity++,
  hold: () => {
    state.holds++;
    state.held++;
    return () => void state.holds--;
  },
  cached: (method, path) => (path === '/_ping' ? { status: 200, headers: { 'Api-Version': '1.41' }, body: 'OK' } : null),
};

/** A few lines of HTTP/1.1: answers GETs with their path, and turns an attach into a raw echo until the client ends. */
function fakeDockerd(sock: TLSSocket): void {
  let buf = '';
  let raw = false;
  sock.on('data', (d: Buffer) => {
    if (raw) return void sock.write(d);
    buf += d.toString('latin1');
    let end: number;
    while (!raw && (end = buf.indexOf('\r\n\r\n')) >= 0) {
      const head = buf.slice(0, end);
      buf = buf.slice(end + 4);
      const [method, path] = head.split(' ');
      seen.push(`${method} ${path}`);
      if (/upgrade: tcp/i.test(head)) {
        raw = true;
        sock.write('HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
        if (buf) sock.write(buf);
      } else {
        const body = `${method} ${path}`;
        sock.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      }
    }
  });
  sock.on('end', () => sock.end('done'));
}

function exchange(send: (s: ReturnType<typeof connect>) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(socketPath);
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.on('connect', () => send(s));
  });
}

beforeAll(async () => {
  const files = await ensureCerts(join(dir, 'certs'));
  upstream = createTlsServer({ key: readFileSync(files.serverKey), cert: readFileSync(files.serverCert), ca: readFileSync(files.ca), requestCert: true, rejectUnauthorized: true, allowHalfOpen: true }, fakeDockerd);
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const port = (upstream.address() as { port: number }).port;
  proxy = startEngineProxy(socketPath, { host: '127.0.0.1', port, servername: 'localhost', ...readCerts(certFiles(join(dir, 'certs'))) }, hooks);
  await new Promise((r) => setTimeout(r, 100));
}, 60_000);

afterAll(() => {
  proxy.close();
  upstream.close();
});

describe('the engine relay', () => {
  it('relays two calls on one connection over mutual TLS', async () => {
    const out = await exchange((s) => {
      s.write('GET /v1.41/version HTTP/1.1\r\nHost: docker\r\n\r\n');
      setTimeout(() => s.end('GET /v1.41/info HTTP/1.1\r\nHost: docker\r\n\r\n'), 100);
    });
    expect(out).toContain('GET /v1.41/version');
    expect(out).toContain('GET /v1.41/info');
  });

  it('keeps reading a hijacked stream after the client closes its write side', async () => {
    const out = await exchange((s) => {
      s.write('POST /v1.41/containers/x/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n');
      setTimeout(() => s.end('piped\n'), 100);
    });
    expect(out).toContain('101 UPGRADED');
    // The attach was work while it lasted; its end released the VM.
    await new Promise((r) => setTimeout(r, 50));
    expect(state.held).toBe(1);
    expect(state.holds).toBe(0);
    expect(out).toContain('piped\n');
    expect(out.endsWith('done')).toBe(true);
  });

  it("holds a user's call while the VM wakes, and answers Berth's ping from the cache without waking it", async () => {
    state.paused = true;
    const cached = await exchange((s) => s.end(`GET /_ping HTTP/1.1\r\nHost: docker\r\n${BERTH_CLIENT_HEADER}: berth\r\n\r\n`));
    expect(cached).toMatch(/^HTTP\/1.1 200 OK[\s\S]*\r\n\r\nOK$/);
    expect(state.wakes).toEqual([]);
    const woke = await exchange((s) => s.end('GET /v1.41/containers/json HTTP/1.1\r\nHost: docker\r\n\r\n'));
    expect(woke).toContain('GET /v1.41/containers/json');
    expect(state.wakes).toEqual(['GET /containers/json']);
  });
});
