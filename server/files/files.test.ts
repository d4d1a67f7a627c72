// Container files against the real engine: listing (hostile names too), reading, saving, uploading and downloading.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, startBerth } from '@/server/main';
import { runInContainer } from '@/server/exec/session';
import { TEST_IMAGE, runContainer, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { tarEvents } from './tar-read';

const docker = testDocker();
const ADMIN = 'files-admin-token';
let berth: Berth;
let base: string;
let box: string;
const created: string[] = [];
const LONG = 'n'.repeat(250);

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-files-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  box = uniqueName('files');
  created.push((await runContainer(docker, { name: box })).id);
  const script = [
    'mkdir -p /data/sub/deeper && echo deep > /data/sub/deeper/x',
    "printf 'hello\\n' > /data/hello.txt",
    "printf 'a\\000b' > /data/bin.dat",
    'head -c 1100000 /dev/zero | tr "\\0" a > /data/big.txt',
    "printf 'x' > \"/data/$(printf 'new\\nline')\"",
    "printf 'x' > '/data/<img src=x onerror=alert(1)>'",
    `printf 'x' > /data/${LONG}`,
    "printf 'x' > \"/data/$(printf 'bad\\377name')\"",
    'ln -s /etc/hostname /data/link',
  ].join(' && ');
  const made = await runInContainer(docker, box, ['sh', '-c', script]);
  expect(made.exitCode, made.output.toString()).toBe(0);
});

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await berth.close();
});

const admin = () => testCaller(undefined, berth.registry);
const engine = 'default';

function url(kind: 'download' | 'upload', q: Record<string, string>): string {
  return `${base}/api/files/${kind}?${new URLSearchParams({ engine, id: box, ...q })}`;
}

describe('container files', () => {
  it('lists a folder one level deep, with types, sizes, owners, links and hostile names as text', async () => {
    const list = await (await admin()).containers.files({ engine, id: box, path: '/data' });
    const byName = new Map(list.entries.map((e) => [e.name, e]));
    expect(list.path).toBe('/data');
    expect(list.partial).toBe(false);
    expect(byName.get('sub')).toMatchObject({ type: 'dir' });
    expect(byName.has('deeper')).toBe(false);
    expect(byName.get('hello.txt')).toMatchObject({ type: 'file', size: 6, owner: 'root', mode: 0o644 });
    expect(byName.get('link')).toMatchObject({ type: 'symlink', linkTarget: '/etc/hostname' });
    expect(byName.has('new\nline')).toBe(true);
    expect(byName.has('<img src=x onerror=alert(1)>')).toBe(true);
    expect(byName.has(LONG)).toBe(true);
    expect(byName.has('bad\ufffdname')).toBe(true);
    expect(list.entries[0]?.type).toBe('dir');
    // ".." in a path stays inside the container's own tree.
    expect((await (await admin()).containers.files({ engine, id: box, path: '/data/sub/../sub' })).entries.map((e) => e.name)).toEqual(['deeper']);
  });

  it('says when a path is missing or not a folder, and works on a stopped container', async () => {
    const c = await admin();
    await expect(c.containers.files({ engine, id: box, path: '/nope' })).rejects.toThrow(`/nope does not exist in container ${box}.`);
    await expect(c.containers.files({ engine, id: box, path: '/data/hello.txt' })).rejects.toThrow(`/data/hello.txt in container ${box} is not a folder.`);
    await expect(c.containers.files({ engine, id: box, path: 'relative' })).rejects.toThrow('A path in the container starts with "/".');
    await expect(c.containers.files({ engine, id: 'no-such-container', path: '/' })).rejects.toThrow('Container no-such-container was not found on this engine.');
    const stopped = uniqueName('files-stopped');
    created.push((await runContainer(docker, { name: stopped, start: false })).id);
    const root = await c.containers.files({ engine, id: stopped, path: '/' });
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'etc']));
  });

  it('reads text, and says when a file is binary or too large', async () => {
    const c = await admin();
    expect(await c.containers.readFile({ engine, id: box, path: '/data/hello.txt' })).toMatchObject({ text: 'hello\n', size: 6 });
    expect(await c.containers.readFile({ engine, id: box, path: '/data/bin.dat' })).toMatchObject({ text: null, reason: 'binary' });
    expect(await c.containers.readFile({ engine, id: box, path: '/data/big.txt' })).toMatchObject({ text: null, reason: 'too-large', size: 1_100_000 });
  });

  it('saves a text file keeping its mode, and the change is in the container', async () => {
    const c = await admin();
    await runInContainer(docker, box, ['sh', '-c', 'printf old > /data/edit.sh && chmod 750 /data/edit.sh && chown 1000:1000 /data/edit.sh']);
    await c.containers.writeFile({ engine, id: box, path: '/data/edit.sh', text: 'new text é\n' });
    expect((await runInContainer(docker, box, ['cat', '/data/edit.sh'])).output.subarray(8).toString()).toBe('new text é\n');
    expect((await runInContainer(docker, box, ['stat', '-c', '%a %u', '/data/edit.sh'])).output.subarray(8).toString()).toBe('750 1000\n');
  });

  it('uploads a file byte-identical and downloads it back, and a folder as a tar', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const up = await fetch(url('upload', { path: '/data', name: 'up load.bin' }), { method: 'PUT', headers: { authorization: `Bearer ${ADMIN}`, origin: base }, body: bytes });
    expect(up.status, await up.clone().text()).toBe(200);
    expect(await up.json()).toEqual({ path: '/data/up load.bin', bytes: bytes.length });
    expect(berth.access.audit.list({ action: 'containers.upload', limit: 1 })[0]).toMatchObject({ target: `${box}:/data/up load.bin`, result: 'ok' });
    const sum = await runInContainer(docker, box, ['md5sum', '/data/up load.bin']);
    expect(sum.output.toString()).toContain((await import('node:crypto')).createHash('md5').update(bytes).digest('hex'));
    const down = await fetch(url('download', { path: '/data/up load.bin' }), { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(down.headers.get('content-disposition')).toBe(`attachment; filename="up load.bin"; filename*=UTF-8''up%20load.bin`);
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
    const folder = await fetch(url('download', { path: '/data/sub' }), { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(folder.headers.get('content-type')).toBe('application/x-tar');
    const names: string[] = [];
    for await (const e of tarEvents((async function* () { yield Buffer.from(await folder.arrayBuffer()); })())) if (e.kind === 'header') names.push(e.header.name);
    expect(names).toEqual(['sub/', 'sub/deeper/', 'sub/deeper/x']);
  });

  it('refuses names that would leave the folder, and says so for a read-only root file system', async () => {
    const auth = { authorization: `Bearer ${ADMIN}`, origin: base };
    for (const name of ['..', '.', 'a/b', '../escape', '']) {
      const res = await fetch(url('upload', { path: '/data', name }), { method: 'PUT', headers: auth, body: 'x' });
      expect(res.status, name).toBe(400);
    }
    const ls = await runInContainer(docker, box, ['ls', '/']);
    expect(ls.output.toString()).not.toContain('escape');
    const ro = uniqueName('files-ro');
    const c = await docker.createContainer({ name: ro, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], HostConfig: { ReadonlyRootfs: true } });
    created.push(c.id);
    await c.start();
    const res = await fetch(`${base}/api/files/upload?${new URLSearchParams({ engine, id: ro, path: '/tmp', name: 'x' })}`, { method: 'PUT', headers: auth, body: 'x' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(`Container ${ro} has a read-only root file system: Berth cannot write to /tmp.`);
  });

  it('lets viewers browse and download but not change anything', async () => {
    const viewer = await testCaller({ name: 'v', role: 'viewer' }, berth.registry);
    expect((await viewer.containers.files({ engine, id: box, path: '/data' })).entries.length).toBeGreaterThan(3);
    await expect(viewer.containers.writeFile({ engine, id: box, path: '/data/hello.txt', text: 'no' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const scoped = await testCaller({ name: 's', role: 'viewer', scope: { kind: 'container', engine, target: 'someone-else' } } as never, berth.registry);
    await expect(scoped.containers.files({ engine, id: box, path: '/data' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
