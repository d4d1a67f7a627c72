import { mkdtempSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunSpec, emptyRunSpec, toDockerRunCommand } from '@/lib/run-spec';
import { BerthError } from '@/server/errors';
import { TEST_IMAGE, runContainer, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { testServices } from '@/test/services';

const docker = testDocker();
const names: string[] = [];
const volumes: string[] = [];

afterAll(async () => {
  await Promise.all(names.map((n) => docker.getContainer(n).remove({ force: true, v: true }).catch(() => {})));
  await Promise.all(volumes.map((v) => docker.getVolume(v).remove().catch(() => {})));
});

/** A host port nothing listens on right now. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The BerthError behind a refused call: its code and the messages per field. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; fields: Record<string, string[]>; message: string }> {
  const err = await call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e as { cause?: unknown; message: string },
  );
  expect(err.cause).toBeInstanceOf(BerthError);
  const cause = err.cause as BerthError;
  return { code: cause.code, fields: cause.fields ?? {}, message: err.message };
}

async function exists(name: string): Promise<boolean> {
  return docker.getContainer(name).inspect().then(() => true, () => false);
}

function spec(over: Partial<RunSpec>): RunSpec {
  return { ...emptyRunSpec(TEST_IMAGE), network: 'berth-test', ...over };
}

describe('containers.run', () => {
  it('runs with ports, env, volumes, labels, limits and a restart policy, as inspect and the command agree', async () => {
    const name = uniqueName('run-full');
    const volume = uniqueName('run-vol');
    names.push(name);
    volumes.push(volume);
    const dir = mkdtempSync(join(tmpdir(), 'berth-run-bind-'));
    writeFileSync(join(dir, 'hello.txt'), 'from the host\n');
    const port = await freePort();
    const s = spec({
      name,
      command: ['httpd', '-f', '-p', '8080', '-h', '/'],
      env: [{ key: 'GREETING', value: "hello 'world' $HOME" }],
      ports: [{ hostIp: '127.0.0.1', hostPort: String(port), containerPort: '8080', protocol: 'tcp' }],
      volumes: [
        { type: 'volume', source: volume, target: '/data', readOnly: false },
        { type: 'bind', source: dir, target: '/app', readOnly: true },
        { type: 'tmpfs', source: '', target: '/scratch', readOnly: false },
      ],
      restart: { policy: 'on-failure', maxRetries: '2' },
      labels: [{ key: 'berth.test', value: 'run dialog' }],
      cpus: '0.5',
      memory: '64m',
      interactive: true,
    });
    const caller = await testCaller();
    const out = await caller.containers.run({ engine: 'default', spec: s });
    expect(out.name).toBe(name);

    const info = await docker.getContainer(out.id).inspect();
    const cmd = toDockerRunCommand(s);
    expect(info.State.Running).toBe(true);
    expect(info.Config.Env).toContain("GREETING=hello 'world' $HOME");
    expect(cmd).toContain(`-e 'GREETING=hello '\\''world'\\'' $HOME'`);
    expect(info.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    expect(cmd).toContain(`-p 127.0.0.1:${port}:8080`);
    const mounts = Object.fromEntries((info.Mounts ?? []).map((m) => [m.Destination, m]));
    expect(mounts['/data']).toMatchObject({ Type: 'volume', Name: volume, RW: true });
    expect(mounts['/app']).toMatchObject({ Type: 'bind', Source: dir, RW: false });
    expect(cmd).toContain(`-v ${volume}:/data -v ${dir}:/app:ro --tmpfs /scratch`);
    expect((info.HostConfig as { Tmpfs?: Record<string, string> }).Tmpfs).toEqual({ '/scratch': '' });
    expect(info.HostConfig.NanoCpus).toBe(500_000_000);
    expect(info.HostConfig.Memory).toBe(64 * 2 ** 20);
    expect(cmd).toContain('--cpus 0.5 --memory 64m');
    expect(info.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
    expect(cmd).toContain('--restart on-failure:2');
    expect(info.Config.Labels).toMatchObject({ 'berth.test': 'run dialog' });
    expect(cmd).toContain(`-l 'berth.test=run dialog'`);
    expect(info.Config.OpenStdin).toBe(true);
    expect(info.Config.Tty).toBe(false);
    expect(cmd).toMatch(/ -i /);
    expect(info.HostConfig.NetworkMode).toBe('berth-test');
    expect(cmd).toContain(`--network berth-test ${'-'}`);
    expect(info.Config.Cmd).toEqual(['httpd', '-f', '-p', '8080', '-h', '/']);
    expect(cmd.endsWith(`${TEST_IMAGE} httpd -f -p 8080 -h /`)).toBe(true);

    // The published port answers, and serves the bind-mounted file.
    let res: Response | undefined;
    for (let i = 0; i < 50 && !res; i++) res = await fetch(`http://127.0.0.1:${port}/app/hello.txt`).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 100)));
    expect(res?.status).toBe(200);
    expect(await res!.text()).toBe('from the host\n');

    // Run again with changes: the spec read back makes the same container under a new name.
    const again = await caller.containers.runSpec({ engine: 'default', id: name });
    const copy = `${name.replace(/-\d+$/, '')}-2`;
    expect(again).toEqual({ ...s, name: copy });
    expect(toDockerRunCommand(again)).toBe(cmd.replace(`--name ${name}`, `--name ${copy}`));
  });

  it('refuses a host port another container publishes, under that field, and creates nothing', async () => {
    const port = await freePort();
    const holder = uniqueName('run-holder');
    names.push(holder);
    await runContainer(docker, { name: holder, network: 'berth-test', ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } });
    const name = uniqueName('run-taken');
    names.push(name);
    const caller = await testCaller();
    const r = await refusal(caller.containers.run({ engine: 'default', spec: spec({ name, ports: [{ hostIp: '', hostPort: String(port), containerPort: '80', protocol: 'tcp' }] }) }));
    expect(r.code).toBe('CONFLICT');
    expect(r.fields['ports.0.hostPort']).toEqual([`Port ${port}/tcp on the host is already taken by container ${holder}.`]);
    expect(await exists(name)).toBe(false);
  });

  it('maps the engine\'s "address already in use" to the port field and removes the container it made', async () => {
    const srv: Server = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    const name = uniqueName('run-inuse');
    names.push(name);
    try {
      const caller = await testCaller();
      const ports = [
        { hostIp: '127.0.0.1', hostPort: '', containerPort: '81', protocol: 'tcp' as const },
        { hostIp: '127.0.0.1', hostPort: String(port), containerPort: '80', protocol: 'tcp' as const },
      ];
      const r = await refusal(caller.containers.run({ engine: 'default', spec: spec({ name, command: ['sleep', '60'], ports }) }));
      expect(r.code).toBe('CONFLICT');
      expect(r.fields['ports.1.hostPort']?.[0]).toContain(`Port ${port}/tcp on the host is already in use`);
      expect(r.message).toContain('It was removed again');
      expect(await exists(name)).toBe(false);
    } finally {
      srv.close();
    }
  });

  it('refuses a taken name under the name field', async () => {
    const name = uniqueName('run-dup');
    names.push(name);
    await runContainer(docker, { name, start: false });
    const r = await refusal((await testCaller()).containers.run({ engine: 'default', spec: spec({ name }) }));
    expect(r.code).toBe('CONFLICT');
    expect(r.fields.name).toEqual([`The name ${name} is already used by another container: pick another name, or remove that container first.`]);
    // The audit log names the image and the name asked for, refused runs included.
    const row = testServices(testRegistry()).access.audit.list({ action: 'containers.run', limit: 1 })[0];
    expect(row).toMatchObject({ target: `${TEST_IMAGE} as ${name}`, result: 'error' });
  });

  it('says each bad field in a sentence and creates nothing', async () => {
    const name = uniqueName('run-bad');
    const bad = spec({
      name,
      ports: [{ hostIp: '', hostPort: '70000', containerPort: '80', protocol: 'tcp' }],
      memory: '12xb',
      env: [{ key: 'BAD KEY', value: '1' }],
    });
    const r = await refusal((await testCaller()).containers.run({ engine: 'default', spec: bad }));
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.fields).toEqual({
      'ports.0.hostPort': ['must be a port number from 1 to 65535, or empty for any free port'],
      memory: ['must be a size such as 512m or 1.5g (units b, k, m, g), or empty for no limit'],
      'env.0.key': ['must start with a letter or "_" and hold only letters, digits, "_", "." and "-"'],
    });
    expect(r.message).toContain('ports.0.hostPort: must be a port number');
    expect(await exists(name)).toBe(false);
  });

  it('says under the CPUs field when the engine has fewer CPUs than asked for', async () => {
    const name = uniqueName('run-cpus');
    const r = await refusal((await testCaller()).containers.run({ engine: 'default', spec: spec({ name, cpus: '4096' }) }));
    expect(r.fields.cpus?.[0]).toMatch(/Range of CPUs is from 0.01 to \d+/);
    expect(await exists(name)).toBe(false);
  });

  it('says the image is missing with its own code, so the dialog can pull it', async () => {
    const r = await refusal((await testCaller()).containers.run({ engine: 'default', spec: spec({ image: 'berth-test/not-here:1' }) }));
    expect(r.code).toBe('IMAGE_MISSING');
    expect(r.fields.image).toEqual(['The image berth-test/not-here:1 is not on this engine: pull it first.']);
  });

  it('is for admins only', async () => {
    const viewer = await testCaller({ name: 'v', role: 'viewer' });
    await expect(viewer.containers.run({ engine: 'default', spec: spec({}) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.containers.runSpec({ engine: 'default', id: 'anything' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
