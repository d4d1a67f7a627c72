// The daemon.json check: syntax with line and column, the 20.10 option set, Berth's own keys, sizes and places.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDaemonConfig, DAEMON_CONFIG_KEYS, DAEMON_JSON_MAX_BYTES, MANAGED_KEYS, type DaemonConfigProblem } from './daemon-config';

function problems(text: string): DaemonConfigProblem[] {
  const r = checkDaemonConfig(text);
  return r.ok ? [] : r.problems;
}

describe('checkDaemonConfig', () => {
  it('accepts an empty file, {} and a realistic configuration', () => {
    expect(checkDaemonConfig('').ok).toBe(true);
    expect(checkDaemonConfig('{}').ok).toBe(true);
    const text = JSON.stringify({
      debug: true,
      'log-level': 'warn',
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'registry-mirrors': ['https://mirror.example.com', 'http://10.0.2.2:5000'],
      'insecure-registries': ['10.0.2.2:5000', '192.168.0.0/16'],
      features: { buildkit: true },
      builder: { gc: { enabled: true, defaultKeepStorage: '20GB' } },
      experimental: false,
      'default-address-pools': [{ base: '10.10.0.0/16', size: 24 }],
      bip: '172.18.0.1/16',
      mtu: 1400,
      dns: ['1.1.1.1', '2606:4700:4700::1111'],
      'dns-search': ['example.com'],
      'max-concurrent-downloads': 6,
      'max-concurrent-uploads': 2,
      'storage-opts': [],
      'live-restore': true,
      'default-ulimits': { nofile: { Name: 'nofile', Soft: 1024, Hard: 4096 } },
      'shutdown-timeout': 30,
      ipv6: true,
      'fixed-cidr-v6': '2001:db8:1::/64',
      'fixed-cidr': '172.18.1.0/24',
      'userland-proxy': false,
      labels: ['team=web'],
    }, null, 2);
    expect(problems(text)).toEqual([]);
  });

  it('gives invalid JSON a sentence with its line and column', () => {
    const [p] = problems('{\n  "debug": true,\n}');
    expect(p!.message).toBe('Line 3, column 1: A comma cannot come right before "}": remove the last comma.');
    expect(problems('{\n  "debug": true\n  "experimental": true\n}')[0]!.message).toBe('Line 3, column 3: Expected "," or "}" after the value of "debug", found """.');
    expect(problems("{'debug': true}")[0]!.message).toMatch(/double quotes/);
    expect(problems('{"debug": True}')[0]!.message).toMatch(/lower case/);
    expect(problems('// settings\n{}')[0]!.message).toMatch(/no comments/);
    expect(problems('[]')[0]!.message).toMatch(/one JSON object/);
  });

  it('refuses unknown keys with a suggestion, and wrong types with a sentence under the key', () => {
    const text = '{\n  "debgu": true,\n  "registry-mirror": ["https://m.example"],\n  "log-opts": { "max-file": 3 },\n  "mtu": "1500"\n}';
    const ps = problems(text);
    expect(ps.map((p) => [p.line, p.message])).toEqual([
      [2, '"debgu" is not an option Docker Engine 20.10 knows. Did you mean "debug"?'],
      [3, '"registry-mirror" is not a daemon.json option. The key is "registry-mirrors", a list.'],
      [4, '"log-opts.max-file" must be a string: log options are strings, like "3" or "10m".'],
      [5, '"mtu" must be a number.'],
    ]);
    expect(text.slice(ps[0]!.from, ps[0]!.to)).toBe('"debgu"');
    expect(text.slice(ps[2]!.from, ps[2]!.to)).toBe('3');
  });

  it('refuses the keys Berth manages, saying so', () => {
    for (const key of ['hosts', 'tls', 'tlsverify', 'tlscacert', 'tlscert', 'tlskey', 'pidfile', 'data-root', 'exec-root']) {
      const [p] = problems(JSON.stringify({ [key]: 'x' }));
      expect(p!.message).toMatch(new RegExp(`^"${key}" is managed by Berth\\.`));
    }
  });

  it('wants a scheme on registry mirrors and none on insecure registries', () => {
    expect(problems('{"registry-mirrors": ["mirror.example.com"]}')[0]!.message).toBe(
      '"registry-mirrors[0]" has no scheme: write https://mirror.example.com (or http:// for a mirror without TLS).',
    );
    expect(problems('{"registry-mirrors": ["ftp://m.example"]}')[0]!.message).toMatch(/https:\/\/ or http:\/\//);
    expect(problems('{"insecure-registries": ["http://10.0.2.2:5000"]}')[0]!.message).toMatch(/without a scheme/);
  });

  it('checks addresses, pools, enums and nested objects', () => {
    expect(problems('{"bip": "172.17.0.1"}')[0]!.message).toBe('"bip" must be an address with a prefix length, like 172.17.0.1/16.');
    expect(problems('{"default-address-pools": [{"base": "10.10.0.0/16", "size": 8}]}')[0]!.message).toMatch(/size must be at least the prefix length/);
    expect(problems('{"default-address-pools": [{"base": "10.10.0.0/16"}]}')[0]!.message).toBe('"default-address-pools[0]" needs "size".');
    expect(problems('{"log-level": "loud"}')[0]!.message).toMatch(/^"log-level" must be one of "trace"/);
    expect(problems('{"builder": {"gc": {"enabled": true, "keep": 1}}}')[0]!.message).toBe('"builder.gc.keep" is not an option here.');
    expect(problems('{"dns": ["one.one.one.one"]}')[0]!.message).toBe('"dns[0]" must be an IP address, like 10.0.0.1.');
    expect(problems('{"debug": true, "debug": false}')[0]!.message).toBe('"debug" appears twice; keep one.');
  });

  it('refuses a 10 MB paste by its size, before parsing it', () => {
    const huge = `{"labels": [${'"a=b",'.repeat(1_750_000)}"a=b"]}`;
    expect(huge.length).toBeGreaterThan(10_000_000);
    const t0 = performance.now();
    const [p] = problems(huge);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(p!.message).toBe(`daemon.json is far too long: Berth accepts at most ${DAEMON_JSON_MAX_BYTES / 1024} KiB.`);
  });
});

// dockerd itself, when this machine has the 20.10 one: each key of Berth's schema must be one it knows.
const dockerd = spawnSync('dockerd', ['--version'], { encoding: 'utf8' });
describe.skipIf(dockerd.status !== 0 || !/ 20\.10\./.test(dockerd.stdout))('against dockerd 20.10', () => {
  it('knows every key of the schema and every key Berth manages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-daemon-json-'));
    const file = join(dir, 'daemon.json');
    const keys = [...DAEMON_CONFIG_KEYS, ...Object.keys(MANAGED_KEYS)];
    writeFileSync(file, JSON.stringify(Object.fromEntries(keys.map((k) => [k, null]))));
    // "debug" set both as a flag and in the file stops dockerd right after its unknown-key check, before it starts anything.
    let out = '';
    try {
      execFileSync('dockerd', ['--config-file', file, '--debug', '--data-root', join(dir, 'd'), '--exec-root', join(dir, 'e'), '--pidfile', join(dir, 'pid'), '-H', `unix://${dir}/s`], { encoding: 'utf8', stdio: 'pipe', timeout: 20_000 });
    } catch (err) {
      out = String((err as { stderr?: string }).stderr);
    }
    expect(out).toContain('the following directives are specified both as a flag and in the configuration file: ');
    expect(out).toContain('debug: (from flag: true');
    expect(out).not.toContain("don't match any configuration option");
  });
});
