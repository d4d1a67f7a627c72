import { afterAll, describe, expect, it } from 'vitest';
import { runContainer, testCaller, testDocker, uniqueName } from '@/test/harness';

const docker = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
});

describe('containers router', () => {
  it('lists a running container with its name, image and state', async () => {
    const name = uniqueName('list');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const caller = await testCaller();
    const rows = await caller.containers.list({ engine: 'default' });
    const row = rows.find((r) => r.name === name);
    expect(row).toMatchObject({ id: c.id, state: 'running', image: 'berth-test/busybox:latest' });
  });

  it('stops a container and the engine reports it exited', async () => {
    const name = uniqueName('stop');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const caller = await testCaller();
    await caller.containers.stop({ engine: 'default', id: name, timeout: 1 });
    expect((await c.inspect()).State.Status).toBe('exited');
  });
});

describe('containers router: every action and its sentences', () => {
  it('pauses, unpauses, restarts, kills and starts, as the engine then reports', async () => {
    const name = uniqueName('life');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const caller = await testCaller();
    await caller.containers.pause({ engine: 'default', id: name });
    expect((await c.inspect()).State.Paused).toBe(true);
    await caller.containers.unpause({ engine: 'default', id: name });
    expect((await c.inspect()).State.Paused).toBe(false);
    const started = (await c.inspect()).State.StartedAt;
    await caller.containers.restart({ engine: 'default', id: name, timeout: 0 });
    expect((await c.inspect()).State.StartedAt).not.toBe(started);
    await caller.containers.kill({ engine: 'default', id: name, signal: 'SIGKILL' });
    expect((await c.inspect()).State.Running).toBe(false);
    await caller.containers.start({ engine: 'default', id: c.id });
    expect((await c.inspect()).State.Running).toBe(true);
    // Starting a running container is what the user wanted already: no error.
    await expect(caller.containers.start({ engine: 'default', id: name })).resolves.toEqual({ ok: true });
  });

  it('inspects by name and by id with a readable summary', async () => {
    const name = uniqueName('inspect');
    const c = await docker.createContainer({ name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '1'], Env: ['A=1', 'B=x=y'], Labels: { 'com.docker.compose.project': 'demo', tier: 'web' } });
    created.push(c.id);
    const caller = await testCaller();
    const byName = await caller.containers.inspect({ engine: 'default', id: name });
    const byId = await caller.containers.inspect({ engine: 'default', id: c.id.slice(0, 12) });
    expect(byId.id).toBe(byName.id);
    expect(byName.env).toEqual(expect.arrayContaining([{ key: 'A', value: '1' }, { key: 'B', value: 'x=y' }]));
    expect(byName).toMatchObject({ name, project: 'demo', command: ['sleep', '1'] });
    expect(JSON.parse(byName.raw).Id).toBe(c.id);
    const rows = await caller.containers.list({ engine: 'default' });
    expect(rows.find((r) => r.name === name)).toMatchObject({ state: 'created', project: 'demo' });
    expect((await caller.containers.list({ engine: 'default', all: false })).some((r) => r.name === name)).toBe(false);
  });

  it('maps a published port', async () => {
    const name = uniqueName('port');
    const c = await runContainer(docker, { name, cmd: ['httpd', '-f', '-p', '80'], network: 'berth-test', ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } });
    created.push(c.id);
    const row = (await (await testCaller()).containers.list({ engine: 'default' })).find((r) => r.name === name)!;
    const hostPort = Number((await c.inspect()).NetworkSettings.Ports['80/tcp']![0]!.HostPort);
    expect(row.ports).toEqual([{ privatePort: 80, publicPort: hostPort, ip: '127.0.0.1', type: 'tcp' }]);
  });

  it('refuses to remove a running container without force, naming it, and removes it with force', async () => {
    const name = uniqueName('rm');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const caller = await testCaller();
    await expect(caller.containers.remove({ engine: 'default', id: name })).rejects.toMatchObject({ code: 'CONFLICT', message: `Container ${name} is running: stop it first, or remove it with "force".` });
    expect((await c.inspect()).State.Running).toBe(true);
    await caller.containers.remove({ engine: 'default', id: name, force: true });
    await expect(c.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('says why an action does not apply', async () => {
    const name = uniqueName('stopped');
    const c = await docker.createContainer({ name, Image: 'berth-test/busybox:latest', Cmd: ['true'] });
    created.push(c.id);
    const caller = await testCaller();
    await expect(caller.containers.pause({ engine: 'default', id: name })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`Container ${name} is not running`) });
    await expect(caller.containers.stop({ engine: 'default', id: 'does-not-exist' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Container does-not-exist was not found on this engine.' });
  });

  it('runs bulk actions one by one and reports each failure', async () => {
    const a = uniqueName('bulk');
    const c = await runContainer(docker, { name: a });
    created.push(c.id);
    const results = await (await testCaller()).containers.bulk({ engine: 'default', action: 'stop', ids: [a, 'missing-one'] });
    expect(results[0]).toEqual({ id: a, ok: true });
    expect(results[1]).toMatchObject({ id: 'missing-one', ok: false, error: { code: 'NOT_FOUND' } });
    expect((await c.inspect()).State.Running).toBe(false);
  });

  it('rejects bad input with BAD_REQUEST and changes nothing', async () => {
    const name = uniqueName('bad');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    const caller = await testCaller();
    await expect(caller.containers.stop({ engine: 'bad engine!', id: name })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.containers.stop({ engine: 'default', id: 'a b' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.containers.bulk({ engine: 'default', action: 'stop', ids: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.containers.stop({ engine: 'nope', id: name })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Known engines: default') });
    expect((await c.inspect()).State.Running).toBe(true);
  });

  it('refuses changes to viewers and strangers', async () => {
    const name = uniqueName('roles');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    await expect((await testCaller({ name: 'v', role: 'viewer' })).containers.stop({ engine: 'default', id: name })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await testCaller(null)).containers.list({ engine: 'default' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await c.inspect()).State.Running).toBe(true);
  });
});
