import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextDirName, readDockerCliConfig } from './contexts';
import { EngineRegistry } from './registry';

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'prod' }));
  const add = (name: string, meta: unknown) => {
    const d = join(dir, 'contexts', 'meta', contextDirName(name));
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'meta.json'), typeof meta === 'string' ? meta : JSON.stringify(meta));
  };
  add('prod', { Name: 'prod', Metadata: { Description: 'production' }, Endpoints: { docker: { Host: 'tcp://10.0.0.5:2376', SkipTLSVerify: false } } });
  const tls = join(dir, 'contexts', 'tls', contextDirName('prod'), 'docker');
  mkdirSync(tls, { recursive: true });
  writeFileSync(join(tls, 'ca.pem'), 'CA');
  writeFileSync(join(tls, 'cert.pem'), 'CERT');
  writeFileSync(join(tls, 'key.pem'), 'KEY');
  add('build-box', { Name: 'build-box', Metadata: {}, Endpoints: { docker: { Host: 'ssh://ci@build.example:2222' } } });
  add('broken', '{ not json');
  add('vm', { Name: 'vm', Endpoints: { docker: { Host: 'unix:///tmp/x.sock' } } });
  return dir;
}

describe('docker CLI context discovery', () => {
  it('reads contexts with their TLS material, ssh hosts and the current context; skips broken and reserved ones', () => {
    const cfg = readDockerCliConfig(fixture());
    expect(cfg.currentContext).toBe('prod');
    expect(cfg.contexts.map((c) => c.name)).toEqual(expect.arrayContaining(['prod', 'build-box']));
    expect(cfg.contexts).toHaveLength(2);
    const prod = cfg.contexts.find((c) => c.name === 'prod')!;
    expect(prod).toMatchObject({ host: 'tcp://10.0.0.5:2376', description: 'production', tls: { ca: 'CA', cert: 'CERT', key: 'KEY', skipVerify: false } });
    expect(cfg.contexts.find((c) => c.name === 'build-box')!.host).toBe('ssh://ci@build.example:2222');
  });

  it('answers an empty list for a machine with no docker CLI configuration', () => {
    expect(readDockerCliConfig(join(tmpdir(), 'berth-does-not-exist'))).toEqual({ currentContext: undefined, contexts: [] });
  });
});

describe('the engine registry', () => {
  const none = join(tmpdir(), 'berth-no-socket.sock');

  it('makes the CLI current context the current engine, and DOCKER_CONTEXT overrides it', () => {
    const dir = fixture();
    expect(new EngineRegistry({ env: { DOCKER_CONFIG: dir } as never, socketPath: none }).current()).toBe('prod');
    expect(new EngineRegistry({ env: { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'build-box' } as never, socketPath: none }).current()).toBe('build-box');
  });

  it('lists DOCKER_HOST as the engine "docker-host" and prefers it without a current context', () => {
    const empty = mkdtempSync(join(tmpdir(), 'berth-ctx-empty-'));
    const r = new EngineRegistry({ env: { DOCKER_CONFIG: empty, DOCKER_HOST: 'tcp://127.0.0.1:1' } as never, socketPath: none });
    expect(r.names()).toEqual(['docker-host']);
    expect(r.current()).toBe('docker-host');
  });

  it('refuses an unknown engine with a sentence naming the known ones', () => {
    const r = new EngineRegistry({ env: { DOCKER_CONFIG: fixture() } as never, socketPath: none });
    expect(() => r.get('nope')).toThrow(/There is no engine called "nope". Known engines: prod, build-box/);
  });
});
