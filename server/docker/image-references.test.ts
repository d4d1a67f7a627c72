import { mkdtempSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageRef, repoName, tagName } from '../routers/schemas';
import { type Berth, startBerth } from '@/server/main';
import { TEST_IMAGE, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';

const SENTENCE = 'must be an image reference such as "busybox:latest" or "registry.local:5000/team/app:1.0"';

describe('the image reference schemas', () => {
  it('explain a refused reference in one sentence', () => {
    expect(imageRef.safeParse('busybox:latest').success).toBe(true);
    expect(imageRef.safeParse('x/../../../127.0.0.1:1/p').error?.issues.map((i) => i.message)).toEqual([SENTENCE]);
    expect(imageRef.safeParse('').error?.issues.map((i) => i.message)).toEqual(['must not be empty']);
    expect(repoName.safeParse('team/../app').success).toBe(false);
    expect(repoName.safeParse('localhost:5000/team/app').success).toBe(true);
    expect(tagName.safeParse('1.2.3').success).toBe(true);
    expect(tagName.safeParse('../x').success).toBe(false);
  });
});

describe('images.inspect on a real engine', () => {
  it('finds an image by reference, full id, short id and sha256 digest', async () => {
    const caller = await testCaller({ name: 'viewer', role: 'viewer' });
    const byRef = await caller.images.inspect({ engine: 'default', id: TEST_IMAGE });
    const hex = byRef.id.replace(/^sha256:/, '');
    for (const id of [hex, hex.slice(0, 12), `sha256:${hex}`, 'berth-test/busybox']) {
      expect((await caller.images.inspect({ engine: 'default', id })).id).toBe(byRef.id);
    }
  });

  it('refuses references that climb out of the image path as invalid input', async () => {
    const caller = await testCaller({ name: 'viewer', role: 'viewer' });
    for (const id of ['..', 'x/../../../127.0.0.1:1/p', 'berth-test/../busybox:latest', 'UPPER/case']) {
      const err = await caller.images.inspect({ engine: 'default', id }).catch((e: { code?: string; cause?: unknown; message: string }) => e);
      expect(err).toMatchObject({ code: 'BAD_REQUEST' });
      expect((err as { cause?: unknown }).cause).toBeInstanceOf(ZodError);
    }
  });

  it('tags and removes with references in Docker grammar', async () => {
    const caller = await testCaller();
    const repo = `localhost:5000/${uniqueName('refs')}`;
    await expect(caller.images.tag({ engine: 'default', id: TEST_IMAGE, repo: `${repo}/..`, tag: 'v1' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller.images.tag({ engine: 'default', id: TEST_IMAGE, repo, tag: 'v1' });
    expect((await testDocker().getImage(`${repo}:v1`).inspect()).RepoTags).toContain(`${repo}:v1`);
    await caller.images.remove({ engine: 'default', id: `${repo}:v1` });
  });
});

describe('images.inspect over HTTP', () => {
  const ADMIN = 'image-refs-admin-token';
  let berth: Berth;
  let base: string;
  let target: Server;
  let hits = 0;

  beforeAll(async () => {
    target = createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    berth = await startBerth(
      { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-refs-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
      { registry: testRegistry(), quiet: true, ui: false },
    );
    base = `http://127.0.0.1:${(berth.server.address() as AddressInfo).port}/api/trpc`;
  });

  afterAll(async () => {
    await berth.close();
    await new Promise((r) => target.close(r));
  });

  async function post(path: string, input: unknown): Promise<{ result: { data: Record<string, string> } }> {
    const res = await fetch(`${base}/${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    expect(res.status).toBe(200);
    return (await res.json()) as { result: { data: Record<string, string> } };
  }

  it('answers 400 with the sentence to a viewer, and sends nothing to the address in the reference', async () => {
    const user = await post('access.createUser', { name: uniqueName('viewer').slice(0, 60), role: 'viewer', password: 'correct horse battery' });
    const token = (await post('access.createToken', { name: 'refs', userId: user.result.data.id })).result.data.token;
    const port = (target.address() as AddressInfo).port;
    const input = encodeURIComponent(JSON.stringify({ engine: 'default', id: `x/../../../127.0.0.1:${port}/path` }));

    const res = await fetch(`${base}/images.inspect?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { error: { message: string; data: { berthCode?: string } } };

    expect(res.status).toBe(400);
    expect(body.error.message).toBe(`id: ${SENTENCE}`);
    expect(body.error.data.berthCode).toBe('INVALID_INPUT');
    expect(hits).toBe(0);
  });
});
