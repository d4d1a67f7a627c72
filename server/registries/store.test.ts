// Reading what other tools left in config.json: identity tokens, URL-form keys, a broken file, a helper's token user.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registryAuthConfig, registryAuthHeader } from './auth-header';
import { listCredentials, storeCredential } from './store';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-store-'));
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

const saved = { PATH: process.env.PATH, file: process.env.BERTH_TEST_CREDS_FILE };
afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.file === undefined) delete process.env.BERTH_TEST_CREDS_FILE;
  else process.env.BERTH_TEST_CREDS_FILE = saved.file;
});

describe('registry credentials in config.json', () => {
  it('sends an identity token rather than a password when the file holds one', async () => {
    const dir = dirWith({ auths: { 'reg.example:5000': { auth: Buffer.from('ann:').toString('base64'), identitytoken: 'tok-1' } } });
    expect(await registryAuthConfig(dir, 'reg.example:5000/team/app:1')).toEqual({ identitytoken: 'tok-1', serveraddress: 'reg.example:5000' });
    expect(await listCredentials(dir)).toEqual([{ server: 'reg.example:5000', username: 'ann', storedIn: 'config file' }]);
  });

  it('finds an entry filed under a URL form of the host, and Docker Hub under its index URL', async () => {
    const dir = dirWith({
      auths: {
        'https://reg.example/v1/': { auth: Buffer.from('bob:pw1').toString('base64') },
        'https://index.docker.io/v1/': { auth: Buffer.from('hub-user:pw2').toString('base64') },
      },
    });
    expect(await registryAuthConfig(dir, 'reg.example/app')).toEqual({ username: 'bob', password: 'pw1', serveraddress: 'reg.example' });
    const header = await registryAuthHeader(dir, 'busybox');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ username: 'hub-user', password: 'pw2', serveraddress: 'https://index.docker.io/v1/' });
    expect(header).not.toMatch(/[+/]/);
    expect(await registryAuthHeader(dir, 'ghcr.io/team/app')).toBeUndefined();
  });

  it('refuses to overwrite a config.json that is not JSON', async () => {
    const dir = dirWith('{ not json');
    await expect(storeCredential(dir, { server: 'reg.example', username: 'a', password: 'b' })).rejects.toThrow(/is not valid JSON; fix or remove it/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{ not json');
  });

  it('writes a new config.json with mode 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-store-'));
    await storeCredential(dir, { server: 'reg.example', username: 'a', password: 'b' });
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('files an identity token in a helper under the user "<token>", as the CLI does', async () => {
    const dir = dirWith({ credsStore: 'berth-test' });
    process.env.PATH = `${resolve('test/fixtures')}:${process.env.PATH}`;
    process.env.BERTH_TEST_CREDS_FILE = join(dir, 'helper.json');
    await storeCredential(dir, { server: 'reg.example', username: 'ann', identityToken: 'tok-2' });
    expect(JSON.parse(readFileSync(join(dir, 'helper.json'), 'utf8'))).toEqual({ 'reg.example': { Username: '<token>', Secret: 'tok-2' } });
    expect(await registryAuthConfig(dir, 'reg.example/app')).toEqual({ identitytoken: 'tok-2', serveraddress: 'reg.example' });
    expect(await listCredentials(dir)).toEqual([{ server: 'reg.example', username: '', storedIn: 'berth-test' }]);
  });
});
