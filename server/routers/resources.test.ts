import { afterAll, describe, expect, it } from 'vitest';
import { runContainer, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';

const docker = testDocker();
const containers: string[] = [];
const volumes: string[] = [];
const networks: string[] = [];
const images: string[] = [];

afterAll(async () => {
  await Promise.all(containers.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await Promise.all(volumes.map((n) => docker.getVolume(n).remove().catch(() => {})));
  await Promise.all(networks.map((n) => docker.getNetwork(n).remove().catch(() => {})));
  await Promise.all(images.map((n) => docker.getImage(n).remove({ force: true }).catch(() => {})));
});

describe('images', () => {
  it('lists the test image with its tag, size and the containers using it; tags and inspects it', async () => {
    const c = await docker.createContainer({ name: uniqueName('img-user'), Image: 'berth-test/busybox:latest', Cmd: ['true'] });
    containers.push(c.id);
    const caller = await testCaller();
    const img = (await caller.images.list({ engine: 'default' })).find((i) => i.repoTags.includes('berth-test/busybox:latest'))!;
    expect(img.size).toBeGreaterThan(100_000);
    expect(img.containers).toBe((await docker.listContainers({ all: true })).filter((x) => x.ImageID === img.id).length);
    const repo = `berth-test/tagged-${Date.now()}`;
    images.push(`${repo}:v1`);
    await caller.images.tag({ engine: 'default', id: 'berth-test/busybox:latest', repo, tag: 'v1' });
    expect((await caller.images.list({ engine: 'default' })).find((i) => i.id === img.id)!.repoTags).toContain(`${repo}:v1`);
    await expect(caller.images.tag({ engine: 'default', id: img.id, repo: 'UPPER/Case', tag: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const detail = await caller.images.inspect({ engine: 'default', id: 'berth-test/busybox:latest' });
    expect(detail.layers.length).toBeGreaterThan(0);
    expect(detail.history.length).toBeGreaterThan(0);
    expect(detail.usedBy.map((u) => u.id)).toContain(c.id);
    const removed = await caller.images.remove({ engine: 'default', id: `${repo}:v1` });
    expect(removed.untagged).toContain(`${repo}:v1`);
    expect(removed.deleted).toEqual([]);
  });

  it('finds dangling images and refuses to remove an image in use', async () => {
    const base = await docker.createContainer({ name: uniqueName('dangle'), Image: 'berth-test/busybox:latest', Cmd: ['true'] });
    containers.push(base.id);
    const committed = (await base.commit({})) as { Id: string };
    images.push(committed.Id);
    const caller = await testCaller();
    const dangling = await caller.images.list({ engine: 'default', dangling: true });
    expect(dangling.map((i) => i.id)).toContain(committed.Id);
    await expect(caller.images.remove({ engine: 'default', id: 'berth-test/busybox:latest' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(caller.images.inspect({ engine: 'default', id: 'nothing-here:latest' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('volumes', () => {
  it('creates, lists with users, refuses to remove while used, and removes when unused', async () => {
    const name = uniqueName('vol');
    volumes.push(name);
    const caller = await testCaller();
    await caller.volumes.create({ engine: 'default', name, labels: { team: 'a' } });
    await expect(caller.volumes.create({ engine: 'default', name })).rejects.toMatchObject({ code: 'CONFLICT', message: `A volume called ${name} already exists.` });
    const user = uniqueName('vol-user');
    const c = await runContainer(docker, { name: user, binds: [`${name}:/data`] });
    containers.push(c.id);
    const row = (await caller.volumes.list({ engine: 'default' })).find((v) => v.name === name)!;
    expect(row.usedBy.map((u) => u.name)).toEqual([user]);
    expect(row.labels).toEqual([{ key: 'team', value: 'a' }]);
    await expect(caller.volumes.remove({ engine: 'default', name })).rejects.toMatchObject({ code: 'CONFLICT', message: `Volume ${name} is in use by container ${user}: remove it first.` });
    expect((await docker.getVolume(name).inspect()).Name).toBe(name);
    await c.remove({ force: true });
    await caller.volumes.remove({ engine: 'default', name });
    await expect(docker.getVolume(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(caller.volumes.create({ engine: 'default', name: '-bad name' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('networks', () => {
  it('creates with a subnet, shows attached containers, refuses removal while used and for built-ins', async () => {
    const name = uniqueName('net');
    networks.push(name);
    const caller = await testCaller();
    await caller.networks.create({ engine: 'default', name, subnet: '10.213.0.0/24' });
    await expect(caller.networks.create({ engine: 'default', name })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(caller.networks.create({ engine: 'default', name: uniqueName('n'), subnet: '10.0.0.0/99' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const user = uniqueName('net-user');
    const c = await runContainer(docker, { name: user, network: name });
    containers.push(c.id);
    const detail = await caller.networks.inspect({ engine: 'default', id: name });
    expect(detail.subnet).toBe('10.213.0.0/24');
    expect(detail.attached.map((a) => a.name)).toEqual([user]);
    expect((await caller.networks.list({ engine: 'default' })).find((n) => n.name === name)!.containers).toBe(1);
    await expect(caller.networks.remove({ engine: 'default', id: name })).rejects.toMatchObject({ code: 'CONFLICT', message: `Network ${name} is in use by container ${user}: disconnect or remove it first.` });
    await expect(caller.networks.remove({ engine: 'default', id: 'none' })).rejects.toMatchObject({ message: 'Network none is built into Docker and cannot be removed.' });
    await c.remove({ force: true });
    await caller.networks.remove({ engine: 'default', id: name });
    await expect(docker.getNetwork(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('engines', () => {
  it('reports health and the overview of the engine', async () => {
    const caller = await testCaller();
    const [engine] = await caller.engines.list();
    expect(engine).toMatchObject({ name: 'default', current: true, health: { reachable: true, os: 'linux' } });
    expect(engine!.health.cpus).toBeGreaterThan(0);
    const info = await caller.engines.info({ engine: 'default' });
    expect(info.storageDriver).toBeTruthy();
    expect(info.serverVersion).toMatch(/^\d+\./);
  });

  it('keeps a broken engine from breaking another, with a reason for each failure', async () => {
    const caller = await testCaller(undefined, testRegistry({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }));
    const list = await caller.engines.list();
    expect(list.find((e) => e.name === 'default')!.health.reachable).toBe(true);
    expect(list.find((e) => e.name === 'docker-host')!.health).toMatchObject({ reachable: false, error: { code: 'UNREACHABLE', message: expect.stringContaining('does not exist') } });
    const refused = await (await testCaller(undefined, testRegistry({ DOCKER_HOST: 'tcp://127.0.0.1:1' }))).engines.list();
    expect(refused.find((e) => e.name === 'docker-host')!.health.error?.message).toContain('Nothing is listening');
    await expect(caller.containers.list({ engine: 'docker-host' })).rejects.toMatchObject({ code: 'BAD_GATEWAY' });
  });
});

describe('fixes found by using the screens', () => {
  it('returns the name of a volume it made without one', async () => {
    const out = await (await testCaller()).volumes.create({ engine: 'default' });
    volumes.push(out.name);
    expect(out.name).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the local socket engine on its socket when DOCKER_HOST points elsewhere', async () => {
    const caller = await testCaller(undefined, testRegistry({ DOCKER_HOST: 'tcp://127.0.0.1:1' }));
    const prev = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    try {
      const list = await caller.engines.list();
      expect(list.find((e) => e.name === 'default')!.health.reachable).toBe(true);
    } finally {
      if (prev === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = prev;
    }
  });

  it('explains why an image used by a stopped container is not removed', async () => {
    const c = await docker.createContainer({ name: uniqueName('img-hold'), Image: 'berth-test/busybox:latest', Cmd: ['true'] });
    containers.push(c.id);
    const id = (await docker.getImage('berth-test/busybox:latest').inspect()).Id;
    const err = await (await testCaller()).images.remove({ engine: 'default', id }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cannot be removed') });
  });
});
