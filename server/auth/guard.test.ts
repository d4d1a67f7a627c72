import { describe, expect, it } from 'vitest';
import { hostName, isAllowedHost, isSameOrigin } from './guard';

describe('Host allow-list', () => {
  it('parses host names with ports and IPv6', () => {
    expect(hostName('LOCALHOST:7627')).toBe('localhost');
    expect(hostName('[::1]:7627')).toBe('[::1]');
    expect(hostName('127.0.0.1')).toBe('127.0.0.1');
    expect(hostName('localhost:abc')).toBeUndefined();
    expect(hostName(undefined)).toBeUndefined();
  });

  it('allows loopback names and listed names only', () => {
    for (const h of ['localhost:7627', '127.0.0.1:8080', '[::1]:7627', 'localhost']) expect(isAllowedHost(h, [])).toBe(true);
    for (const h of ['evil.com', 'localhost.evil.com', '127.0.0.1.nip.io', '', undefined]) expect(isAllowedHost(h, [])).toBe(false);
    expect(isAllowedHost('berth.internal:443', ['berth.internal'])).toBe(true);
  });
});

describe('same-origin check for changes', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as never;
  it('accepts the own origin and scripts without Origin, refuses other sites', () => {
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'http://127.0.0.1:7627' }))).toBe(true);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627' }))).toBe(true);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'null', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'null', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'null' }))).toBe(false);
  });
});
