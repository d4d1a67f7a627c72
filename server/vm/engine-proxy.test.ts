import { describe, expect, it } from 'vitest';
import { apiPath, BERTH_CLIENT_HEADER, isBackground, parseHead } from './engine-proxy';
import { bootTiming } from './boot-phases';

describe('the engine relay', () => {
  it('reads a request head', () => {
    const head = parseHead(`GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: docker\r\n${BERTH_CLIENT_HEADER}: berth\r\nUser-Agent: x`)!;
    expect(head.method).toBe('GET');
    expect(head.headers.get('host')).toBe('docker');
    expect(apiPath(head.path)).toBe('/containers/json');
    expect(apiPath('/_ping')).toBe('/_ping');
    expect(apiPath('/v1.41/info')).toBe('/info');
  });

  it("counts the CLI's calls and Berth's changes as a user's, and Berth's reads as its own", () => {
    const berth = (m: string) => parseHead(`${m} /v1.41/info HTTP/1.1\r\n${BERTH_CLIENT_HEADER}: berth`)!;
    expect(isBackground(berth('GET'))).toBe(true);
    expect(isBackground(berth('HEAD'))).toBe(true);
    expect(isBackground(berth('POST'))).toBe(false);
    expect(isBackground(parseHead('GET /v1.41/info HTTP/1.1\r\nUser-Agent: Docker-Client/20.10')!)).toBe(false);
  });
});

describe('start phases', () => {
  it('places the guest clock on the host clock from the earliest mark, and needs every mark', () => {
    const marks = new Map([
      ['initramfs', { uptimeMs: 3000, seenAt: 10_100 }],
      ['init', { uptimeMs: 4000, seenAt: 11_000 }],
      ['dockerd', { uptimeMs: 9000, seenAt: 16_050 }],
    ] as const);
    const t = bootTiming(1000, 1500, 20_000, new Map(marks))!;
    expect(t.phases.map((p) => [p.name, p.ms])).toEqual([
      ['qemu', 500],
      ['firmware', 5500],
      ['kernel', 3000],
      ['initramfs', 1000],
      ['boot', 5000],
      ['dockerd', 4000],
    ]);
    expect(t.totalMs).toBe(19_000);
    marks.delete('init');
    expect(bootTiming(1000, 1500, 20_000, new Map(marks))).toBeNull();
  });
});
