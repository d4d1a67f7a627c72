import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guestProxyEnv, withDefaultEnv, writeCliProxies } from './network';

describe('proxies handed on', () => {
  it('writes dockerd’s environment lines, with exclusions only beside a proxy', () => {
    expect(guestProxyEnv({ http: 'http://10.0.2.2:3128', https: '', noProxy: 'a,b' })).toBe('# Berth: the proxies of Docker Engine in the VM\nHTTP_PROXY=http://10.0.2.2:3128\nNO_PROXY=a,b\n');
    expect(guestProxyEnv({ http: '', https: '', noProxy: 'a' })).toBe('# Berth: the proxies of Docker Engine in the VM\n');
  });

  it('keys the CLI’s proxies by the VM’s socket, keeps the rest of config.json, and removes the key when off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-cliproxy-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { x: {} }, proxies: { default: { httpProxy: 'http://corp:1' } } }));
    const env = { ...process.env, DOCKER_CONFIG: dir };
    writeCliProxies('/home/me/.berth/run/docker.sock', { http: 'http://10.0.2.2:3128', https: '', noProxy: 'localhost' }, env);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config.auths).toEqual({ x: {} });
    expect(config.proxies).toEqual({ default: { httpProxy: 'http://corp:1' }, 'unix:///home/me/.berth/run/docker.sock': { httpProxy: 'http://10.0.2.2:3128', noProxy: 'localhost' } });
    writeCliProxies('/home/me/.berth/run/docker.sock', { http: '', https: '', noProxy: '' }, env);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).proxies).toEqual({ default: { httpProxy: 'http://corp:1' } });
  });

  it('adds proxies to a Run spec unless it sets the variable in either case', () => {
    const spec = { env: [{ key: 'http_proxy', value: 'mine' }] };
    expect(withDefaultEnv(spec, { HTTP_PROXY: 'p', http_proxy: 'p', NO_PROXY: 'n' }).env).toEqual([
      { key: 'http_proxy', value: 'mine' },
      { key: 'NO_PROXY', value: 'n' },
    ]);
    expect(withDefaultEnv(spec, undefined)).toBe(spec);
  });
});
