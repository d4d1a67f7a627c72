// Signing in to a real registry through the real engine, stored where the docker CLI finds it: the CLI pulls with it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_IMAGE, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { registryAuthHeader } from './auth-header';

const run = promisify(execFile);
const host = inject('registryHost');
const user = inject('registryUser');
const password = inject('registryPassword');
const HELPER_DIR = resolve('test/fixtures');

/** A fresh docker config directory, with keys of its own that a sign-in must keep. */
function configDir(extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registries-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ psFormat: 'table {{.Names}}', detachKeys: 'ctrl-x', ...extra }, null, 2));
  return dir;
}

function readConfig(dir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
}

/** The environment the CLI and Berth share: the test helper on PATH, its store in a file of the test's own. */
function helperEnv(store: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${HELPER_DIR}:${process.env.PATH}`, BERTH_TEST_CREDS_FILE: store };
}

/** An image only the registry has: pushed with Berth's header, then removed from the engine. */
async function pushedImage(dir: string): Promise<string> {
  const docker = testDocker();
  const repo = `${host}/berth/${uniqueName('signin')}`;
  await docker.getImage(TEST_IMAGE).tag({ repo, tag: '1' });
  const ref = `${repo}:1`;
  const header = await registryAuthHeader(dir, ref);
  expect(header).toBeTruthy();
  const stream = (await docker.getImage(ref).push({ authconfig: { base64: header } } as never)) as unknown as NodeJS.ReadableStream;
  const output = await new Promise<any[]>((ok, fail) => docker.modem.followProgress(stream, (err: Error | null, res: any[]) => (err ? fail(err) : ok(res))));
  const failed = output.find((o) => o.error);
  if (failed) throw new Error(failed.error);
  await docker.getImage(ref).remove();
  return ref;
}

async function cliPull(dir: string, ref: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await run('docker', ['--config', dir, '-H', `unix://${inject('dockerSocket')}`, 'pull', '-q', ref], { env: { ...env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } });
  await testDocker().getImage(ref).remove();
}

describe('registries with config.json', () => {
  let dir: string;
  let caller: Awaited<ReturnType<typeof testCaller>>;
  beforeAll(async () => {
    dir = configDir();
    caller = await testCaller(undefined, testRegistry({ DOCKER_CONFIG: dir }));
  });

  it('refuses a wrong password with a sentence and stores nothing', async () => {
    const wrong = `${password}-wrong`;
    const err = await caller.registries.signIn({ engine: 'default', server: host, username: user, password: wrong }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(`Could not sign in to ${host}: incorrect username or password.`);
    expect(JSON.stringify(err)).not.toContain(wrong);
    expect(readConfig(dir).auths).toBeUndefined();
    expect(await caller.registries.list()).toEqual([]);
  });

  it('says when the registry cannot be reached', async () => {
    await expect(caller.registries.signIn({ engine: 'default', server: '127.0.0.1:1', username: user, password })).rejects.toThrow(
      'Could not reach the registry 127.0.0.1:1: nothing is listening there.',
    );
  });

  it('stores an accepted account as docker login does, and the docker CLI pulls with it', async () => {
    const row = await caller.registries.signIn({ engine: 'default', server: `http://${host}/v2/`, username: user, password });
    expect(row).toEqual({ server: host, username: user, storedIn: 'config file' });
    expect(JSON.stringify(row)).not.toContain(password);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    const config = readConfig(dir);
    expect(config.auths[host].auth).toBe(Buffer.from(`${user}:${password}`).toString('base64'));
    expect(config).toMatchObject({ psFormat: 'table {{.Names}}', detachKeys: 'ctrl-x' });
    expect(await caller.registries.list()).toEqual([{ server: host, username: user, storedIn: 'config file' }]);

    const ref = await pushedImage(dir);
    await cliPull(dir, ref);
    // Without the sign-in the registry refuses the same pull.
    await expect(cliPull(configDir(), ref)).rejects.toThrow(/no basic auth credentials|unauthorized|authentication required/i);
  });

  it('signs out: the entry is gone and the CLI can no longer pull', async () => {
    const ref = await pushedImage(dir);
    await expect(caller.registries.signOut({ server: host })).resolves.toEqual({ server: host, removed: true });
    expect(readConfig(dir).auths[host]).toBeUndefined();
    expect(readConfig(dir).psFormat).toBe('table {{.Names}}');
    expect(await caller.registries.list()).toEqual([]);
    expect(await registryAuthHeader(dir, ref)).toBeUndefined();
    await expect(cliPull(dir, ref)).rejects.toThrow();
    await expect(caller.registries.signOut({ server: host })).rejects.toThrow(`Berth is not signed in to ${host}.`);
  });
});

describe('registries with a credential helper', () => {
  it('stores through credsStore, keeps no secret in config.json, and the CLI pulls through the same helper', async () => {
    const dir = configDir({ credsStore: 'berth-test' });
    const store = join(dir, 'helper-store.json');
    const env = helperEnv(store);
    const saved = { PATH: process.env.PATH, BERTH_TEST_CREDS_FILE: process.env.BERTH_TEST_CREDS_FILE };
    process.env.PATH = env.PATH;
    process.env.BERTH_TEST_CREDS_FILE = store;
    try {
      const caller = await testCaller(undefined, testRegistry({ DOCKER_CONFIG: dir }));
      const wrong = await caller.registries.signIn({ engine: 'default', server: host, username: user, password: 'not-it' }).catch((e: Error) => e);
      expect((wrong as Error).message).toContain('incorrect username or password');
      expect(existsSync(store)).toBe(false);

      const row = await caller.registries.signIn({ engine: 'default', server: host, username: user, password });
      expect(row).toEqual({ server: host, username: user, storedIn: 'berth-test' });
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(Buffer.from(`${user}:${password}`).toString('base64'));
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(password);
      expect(readConfig(dir).auths).toEqual({ [host]: {} });
      expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual({ [host]: { Username: user, Secret: password } });
      expect(await caller.registries.list()).toEqual([{ server: host, username: user, storedIn: 'berth-test' }]);

      const ref = await pushedImage(dir);
      await cliPull(dir, ref, env);

      await caller.registries.signOut({ server: host });
      expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual({});
      expect(readConfig(dir).auths).toEqual({});
      expect(await caller.registries.list()).toEqual([]);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.BERTH_TEST_CREDS_FILE === undefined) delete process.env.BERTH_TEST_CREDS_FILE;
      else process.env.BERTH_TEST_CREDS_FILE = saved.BERTH_TEST_CREDS_FILE;
    }
  });

  it('a server named in credHelpers uses its own helper, and a missing helper is a sentence', async () => {
    const dir = configDir({ credHelpers: { [host]: 'berth-missing' } });
    const caller = await testCaller(undefined, testRegistry({ DOCKER_CONFIG: dir }));
    await expect(caller.registries.signIn({ engine: 'default', server: host, username: user, password })).rejects.toThrow(
      `The credential helper docker-credential-berth-missing is not installed or not on Berth's PATH (config.json names "berth-missing").`,
    );
  });
});
