import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK, effectiveProxies, maskProxy, networkSchema, proxyEnvironment, proxyUrlProblem, vmProxies } from './vm-network';

const manual = (over: Record<string, unknown>) => ({ ...DEFAULT_NETWORK, proxyMode: 'manual', httpProxy: 'http://proxy.example.com:3128', ...over });
const messages = (input: unknown) => {
  const r = networkSchema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('proxy settings', () => {
  it('accepts a manual proxy, trimmed, with exclusions as one comma-separated list', () => {
    const r = networkSchema.parse(manual({ httpsProxy: ' https://user:pw@proxy.example.com:8443 ', noProxy: 'localhost, .internal.example\n10.0.0.0/8,,192.168.1.10:8080' }));
    expect(r.httpsProxy).toBe('https://user:pw@proxy.example.com:8443');
    expect(r.noProxy).toBe('localhost,.internal.example,10.0.0.0/8,192.168.1.10:8080');
  });

  it('refuses a proxy URL with a space, with a sentence under its field', () => {
    expect(messages(manual({ httpProxy: 'http://proxy example.com:3128' }))).toEqual({ httpProxy: 'The HTTP proxy URL must not contain spaces.' });
  });

  it('refuses a proxy URL without a scheme, or with one Go cannot use', () => {
    expect(messages(manual({ httpsProxy: 'proxy.example.com:3128' }))).toEqual({ httpsProxy: 'The HTTPS proxy URL needs a scheme, such as http://proxy.example.com:3128.' });
    expect(proxyUrlProblem('ftp://proxy.example.com')).toBe('The proxy URL must start with http://, https:// or socks5://.');
    expect(proxyUrlProblem('http://')).toMatch(/not a valid URL|must name a host/);
  });

  it('asks for at least one proxy in manual mode, and none in the others', () => {
    expect(messages(manual({ httpProxy: '' }))).toEqual({ httpProxy: 'Give the HTTP or the HTTPS proxy, or choose another mode.' });
    expect(networkSchema.safeParse({ ...DEFAULT_NETWORK, proxyMode: 'off' }).success).toBe(true);
    expect(messages({ ...DEFAULT_NETWORK, proxyMode: 'auto' })).toEqual({ proxyMode: 'The proxy mode must be off, system or manual.' });
  });

  it('refuses an exclusion that is no host, domain or address', () => {
    expect(messages(manual({ noProxy: 'localhost, http://x' }))).toEqual({ noProxy: expect.stringContaining('"http://x" is not a host') });
  });

  it('reads Berth’s own environment in system mode, and nothing when off', () => {
    const env = { https_proxy: 'http://127.0.0.1:3128', HTTP_PROXY: 'http://proxy:3128', NO_PROXY: 'a, b' };
    expect(effectiveProxies({ ...DEFAULT_NETWORK, proxyMode: 'system' }, env)).toEqual({ http: 'http://proxy:3128', https: 'http://127.0.0.1:3128', noProxy: 'a,b' });
    expect(effectiveProxies({ ...DEFAULT_NETWORK, proxyMode: 'off' }, env)).toEqual({ http: '', https: '', noProxy: '' });
    expect(effectiveProxies({ ...DEFAULT_NETWORK, proxyMode: 'system' }, { HTTP_PROXY: 'not a url' }).http).toBe('');
  });

  it('moves a proxy on this machine’s loopback to 10.0.2.2 for the VM', () => {
    expect(vmProxies({ http: 'http://127.0.0.1:3128', https: 'http://user:pw@localhost:8080/', noProxy: 'x' })).toEqual({
      http: 'http://10.0.2.2:3128',
      https: 'http://user:pw@10.0.2.2:8080/',
      noProxy: 'x',
    });
    expect(vmProxies({ http: 'http://proxy.example.com:3128', https: '', noProxy: '' }).http).toBe('http://proxy.example.com:3128');
  });

  it('masks a password in a proxy URL and gives containers both cases of each variable', () => {
    expect(maskProxy('http://me:secret@proxy:3128', '••••')).toBe('http://me:••••@proxy:3128');
    expect(maskProxy('http://me:s%40cret@proxy:3128/a@b', '••••')).toBe('http://me:••••@proxy:3128/a@b');
    expect(maskProxy('http://proxy:3128', '••••')).toBe('http://proxy:3128');
    expect(proxyEnvironment({ http: 'http://p:1', https: '', noProxy: 'a' })).toEqual({ HTTP_PROXY: 'http://p:1', http_proxy: 'http://p:1', NO_PROXY: 'a', no_proxy: 'a' });
    expect(proxyEnvironment({ http: '', https: '', noProxy: 'a' })).toEqual({});
  });
});
