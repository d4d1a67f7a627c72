import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostName, isAllowedHost, isAllowedRequestHost, isSameOrigin } from './guard';

describe('Host allow-list', () => {
  it('parses host names with ports and IPv6', () => {
    expect(hostName('LOCALHOST:7627')).toBe('localhost');
    expect(hostName('[::1]:7627')).toBe('[::1]');
    expect(hostName('[::1]')).toBe('[::1]');
    expect(hostName('127.0.0.1')).toBe('127.0.0.1');
    expect(hostName('localhost:abc')).toBeUndefined();
    expect(hostName(undefined)).toBeUndefined();
  });

  it('reads the whole authority: nothing may follow an IPv6 literal or a port', () => {
    for (const h of ['[::1].evil.com', '[::1]evil', '[::1]:7627.evil.com', '[::1]:', '[::1', '[evil.com]', '[::1]:123456', 'localhost:', 'localhost:1:2', 'localhost :7627', 'local host', 'user@localhost', 'user:pw@127.0.0.1:7627', 'localhost/x', 'localhost?x', 'localhost#x', '-localhost', 'localhost..', '.localhost', 'xn--a%2e.com', 'evil.com\\localhost']) {
      expect(hostName(h), h).toBeUndefined();
    }
  });

  it('allows loopback names and listed names only', () => {
    for (const h of ['localhost:7627', '127.0.0.1:8080', '[::1]:7627', 'localhost']) expect(isAllowedHost(h, [])).toBe(true);
    for (const h of ['evil.com', 'localhost.evil.com', '127.0.0.1.nip.io', '[::1].evil.com', '', undefined]) expect(isAllowedHost(h, [])).toBe(false);
    expect(isAllowedHost('berth.internal:443', ['berth.internal'])).toBe(true);
    expect(isAllowedHost('berth.internal.evil.com', ['berth.internal'])).toBe(false);
  });

  it('refuses a request with more than one Host header, whichever is first', () => {
    const req = (...hosts: string[]) => ({ headers: { host: hosts[0] }, rawHeaders: hosts.flatMap((h, i) => [i % 2 ? 'HOST' : 'Host', h]) }) as unknown as IncomingMessage;
    expect(isAllowedRequestHost(req('127.0.0.1:7627'), [])).toBe(true);
    expect(isAllowedRequestHost(req('127.0.0.1:7627', 'evil.example'), [])).toBe(false);
    expect(isAllowedRequestHost(req('127.0.0.1:7627', '127.0.0.1:7627'), [])).toBe(false);
    expect(isAllowedRequestHost(req(), [])).toBe(false);
  });
});

describe('same-origin check for changes', () => {
  const req = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;
  it('accepts the own origin and scripts without Origin, refuses other sites', () => {
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'http://127.0.0.1:7627' }))).toBe(true);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627' }))).toBe(true);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'null', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'null', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'null' }))).toBe(false);
  });

  it('compares the scheme too, with default ports left out or written', () => {
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'https://127.0.0.1:7627' }))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'http://127.0.0.1:7627' }, true))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'https://127.0.0.1:7627' }, true))).toBe(true);
    expect(isSameOrigin(req({ host: 'berth.example', origin: 'http://berth.example' }, true))).toBe(false);
    expect(isSameOrigin(req({ host: 'berth.example:443', origin: 'https://berth.example' }, true))).toBe(true);
    expect(isSameOrigin(req({ host: 'berth.example', origin: 'http://berth.example:80' }))).toBe(true);
    expect(isSameOrigin(req({ host: '[::1]:7627', origin: 'http://[::1]:7627' }))).toBe(true);
  });

  it('takes https from the proxy in front when it says so', () => {
    expect(isSameOrigin(req({ host: 'berth.example', origin: 'https://berth.example', 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isSameOrigin(req({ host: 'berth.example', origin: 'http://berth.example', 'x-forwarded-proto': 'https' }))).toBe(false);
  });

  it('refuses an Origin whose host does not parse as the Host header', () => {
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'http://127.0.0.1:7627.evil.com' }))).toBe(false);
    expect(isSameOrigin(req({ host: '127.0.0.1:7627', origin: 'not a url' }))).toBe(false);
    expect(isSameOrigin(req({ origin: 'http://127.0.0.1:7627' }))).toBe(false);
  });
});
