import { mkdtempSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, startBerth } from '@/server/main';
import { TAR_END, tarHeader, tarPadding } from '@/lib/tar';
import { TEST_IMAGE, testDocker, testRegistry } from '@/test/harness';
import { readSse } from '@/test/sse';
import { uploadDir } from './build-uploads';

const TOKEN = 'build-upload-admin-token';
const docker = testDocker();
let berth: Berth;
let port: number;
const tag = `berth-build-upload/${process.pid}:1`;

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-upload-')), token: TOKEN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterEach(() => {
  delete process.env.BERTH_BUILD_UPLOAD_MAX;
});

afterAll(async () => {
  await berth.close();
  await docker.getImage(tag).remove({ force: true }).catch(() => {});
});

const leftovers = () => readdirSync(uploadDir());

/** A POST to the upload route: a declared length with only `send` bytes behind it, or a chunked body of `send` bytes. */
function post(opts: { length?: number; send: number; headers?: Record<string, string> }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-tar', ...opts.headers };
    if (opts.length !== undefined) headers['content-length'] = String(opts.length);
    const req = request({ host: '127.0.0.1', port, path: '/api/build-context', method: 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // Writing may fail once Berth has answered and closed: the answer is what the test reads.
    req.on('error', (err) => setTimeout(() => reject(err), 1000));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < opts.send) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.send - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (opts.length === undefined || opts.length === sent) req.end();
    };
    pump();
  });
}

function tarOf(files: Record<string, string>): Buffer {
  const parts: Uint8Array[] = [];
  for (const [name, content] of Object.entries(files)) {
    const bytes = Buffer.from(content);
    parts.push(tarHeader({ name, type: 'file', size: bytes.length }), bytes, tarPadding(bytes.length));
  }
  parts.push(TAR_END);
  return Buffer.concat(parts);
}

describe('POST /api/build-context', () => {
  it('refuses a declared 2 GB body with 413 and a sentence before reading it', async () => {
    const started = Date.now();
    const res = await post({ length: 2 * 1024 ** 3, send: 64 * 1024 });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/A build context may be at most 1 GiB/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(leftovers()).toEqual([]);
  });

  it('cuts off a chunked body that passes the cap, and deletes what it had written', async () => {
    process.env.BERTH_BUILD_UPLOAD_MAX = String(1024 * 1024);
    const res = await post({ send: 4 * 1024 * 1024 });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/at most 1 MiB/);
    await new Promise((r) => setTimeout(r, 100));
    expect(leftovers()).toEqual([]);
  });

  it('refuses another site and requests without a sign-in', async () => {
    expect((await post({ send: 10, headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await post({ send: 10, headers: { authorization: '' } })).status).toBe(401);
    expect(leftovers()).toEqual([]);
  });

  it('keeps an upload for one build, which streams over SSE and deletes it', async () => {
    const body = tarOf({ Dockerfile: `FROM ${TEST_IMAGE}\nCOPY hello.txt /\nRUN cat /hello.txt\n`, 'hello.txt': 'hello from an upload' });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/build-context', method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-length': String(body.length) } }, (r) => {
        let text = '';
        r.on('data', (c) => (text += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(res.status).toBe(200);
    const { uploadId, bytes } = JSON.parse(res.body) as { uploadId: string; bytes: number };
    expect(bytes).toBe(body.length);
    expect(leftovers()).toHaveLength(1);
    const input = { engine: 'default', source: { kind: 'upload', uploadId }, tags: [tag] };
    const url = `http://127.0.0.1:${port}/api/trpc/images.build?input=${encodeURIComponent(JSON.stringify(input))}`;
    const events: string[] = [];
    await readSse(url, { headers: { authorization: `Bearer ${TOKEN}` }, onEvent: (e) => void events.push(`${e.event ?? ''}|${e.data}`) });
    const all = events.join('\n');
    expect(all).toContain('hello from an upload');
    expect(all).toContain('"type":"done"');
    expect(leftovers()).toEqual([]);
    expect((await docker.getImage(tag).inspect()).RepoTags).toContain(tag);
    // Used once: building from the same id again finds nothing.
    const again: string[] = [];
    await readSse(url, { headers: { authorization: `Bearer ${TOKEN}` }, onEvent: (e) => void again.push(`${e.event ?? ''}|${e.data}`) });
    expect(again.join('\n')).toMatch(/serialized-error.*uploaded build context is gone/);
  });
});
