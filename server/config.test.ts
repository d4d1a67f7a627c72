import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const env = { HOME: '/home/u' } as unknown as NodeJS.ProcessEnv;

describe('loadConfig', () => {
  it('binds 127.0.0.1:7627 by default with state in ~/.berth', () => {
    const c = loadConfig([], env, '/app');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 7627, basePath: '' });
    expect(c.home.endsWith('/.berth')).toBe(true);
  });

  it('takes --port and --host from the command line over the environment', () => {
    const c = loadConfig(['--port', '9000', '--host=localhost'], { ...env, BERTH_PORT: '8000' }, '/app');
    expect(c).toMatchObject({ port: 9000, host: 'localhost' });
  });

  it('refuses a bad port with a sentence', () => {
    expect(() => loadConfig(['--port', '70000'], env, '/app')).toThrow(/port number from 1 to 65535/);
    expect(() => loadConfig([], { ...env, BERTH_PORT: 'abc' }, '/app')).toThrow(ConfigError);
  });

  it('refuses to listen beyond loopback without TLS unless told it is fine', () => {
    expect(() => loadConfig(['--host', '0.0.0.0'], env, '/app')).toThrow(/without TLS/);
    expect(loadConfig(['--host', '0.0.0.0', '--insecure-no-tls'], env, '/app').insecureNoTls).toBe(true);
    expect(loadConfig(['--host', '0.0.0.0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], env, '/app').tlsCert).toBe('c.pem');
    expect(() => loadConfig(['--tls-cert', 'c.pem'], env, '/app')).toThrow(/go together/);
  });

  it('normalises the base path and refuses one that is not a path', () => {
    expect(loadConfig(['--base-path', '/berth/'], env, '/app').basePath).toBe('/berth');
    expect(loadConfig(['--base-path', '/'], env, '/app').basePath).toBe('');
    expect(() => loadConfig(['--base-path', 'berth'], env, '/app')).toThrow(/must look like \/berth/);
    expect(() => loadConfig(['--base-path', '/a b'], env, '/app')).toThrow(ConfigError);
  });

  it('names an unknown option', () => {
    expect(() => loadConfig(['--bogus'], env, '/app')).toThrow(/Unknown option --bogus/);
  });
});
