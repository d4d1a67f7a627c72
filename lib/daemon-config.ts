// The VM's daemon.json: the options dockerd 20.10 accepts (a schema Berth keeps), the keys Berth manages itself,
// and one check the editor and the server both run, giving a sentence and a place in the text per problem.
import { z } from 'zod';
import { JsonSyntaxError, lineColumn, parseJsonWithSpans, pathKey, type JsonPath, type ParsedJson } from './json-spans';

/** More than any real daemon.json; a paste past this is refused before it is parsed. */
export const DAEMON_JSON_MAX_BYTES = 128 * 1024;

/** Keys Berth sets itself (dockerd's flags in the VM, or its data layout): the same key in the file stops dockerd. */
export const MANAGED_KEYS: Record<string, string> = {
  hosts: 'Berth manages where Docker Engine in the VM listens (its socket and TLS port).',
  tls: "Berth manages Docker Engine's TLS in the VM.",
  tlsverify: "Berth manages Docker Engine's TLS in the VM.",
  tlscacert: "Berth manages Docker Engine's TLS certificates in the VM.",
  tlscert: "Berth manages Docker Engine's TLS certificates in the VM.",
  tlskey: "Berth manages Docker Engine's TLS certificates in the VM.",
  pidfile: "Berth manages dockerd's pid file in the VM.",
  'data-root': "Berth manages where Docker keeps its data: the VM's data disk (Settings → Disk).",
  graph: "Berth manages where Docker keeps its data: the VM's data disk (Settings → Disk).",
  'exec-root': "Berth manages dockerd's state directory in the VM.",
  containerd: 'Berth manages containerd in the VM: dockerd starts its own.',
  rootless: 'Berth runs Docker Engine in the VM as root; the VM is the boundary.',
};

/** Keys people write that dockerd spells otherwise (flag names, removed options). */
const OTHER_SPELLINGS: Record<string, string> = {
  'registry-mirror': 'The key is "registry-mirrors", a list.',
  'insecure-registry': 'The key is "insecure-registries", a list.',
  'exec-opt': 'The key is "exec-opts", a list.',
  'storage-opt': 'The key is "storage-opts", a list.',
  'log-opt': 'The key is "log-opts", an object.',
  label: 'The key is "labels", a list.',
  'dns-opt': 'The key is "dns-opts", a list.',
  'default-ulimit': 'The key is "default-ulimits", an object.',
  'add-runtime': 'The key is "runtimes", an object.',
  'authorization-plugin': 'The key is "authorization-plugins", a list.',
  proxies: 'dockerd 20.10 reads no proxies from daemon.json; Berth passes the VM\'s proxy settings to it.',
  'cluster-store': 'Legacy cluster stores are deprecated in Docker Engine 20.10 and not offered by Berth.',
  'cluster-advertise': 'Legacy cluster stores are deprecated in Docker Engine 20.10 and not offered by Berth.',
  'cluster-store-opts': 'Legacy cluster stores are deprecated in Docker Engine 20.10 and not offered by Berth.',
  'disable-legacy-registry': 'This option was removed from Docker Engine.',
};

const bool = () => z.boolean({ error: 'must be true or false' });
const str = () => z.string({ error: 'must be a string in double quotes' });
const nonEmpty = () => str().min(1, { error: 'must not be empty' });
const int = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const list = <T extends z.ZodType>(item: T, what = 'strings') => z.array(item, { error: `must be a list of ${what}: [ … ]` });
const strList = () => list(str());
const obj = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape, { error: 'must be an object: { … }' });

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIpv6 = (s: string) => z.ipv6().safeParse(s).success;
const isIp = (s: string) => IPV4.test(s) || isIpv6(s);
function isCidr(s: string, v: 4 | 6 | 0 = 0): boolean {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || ip === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  if (IPV4.test(ip)) return v !== 6 && n <= 32;
  return v !== 4 && isIpv6(ip) && n <= 128;
}
const ip = () => str().refine(isIp, { error: 'must be an IP address, like 10.0.0.1' });
const cidr = (v: 4 | 6 | 0, example: string) => str().refine((s) => isCidr(s, v), { error: `must be an address with a prefix length, like ${example}` });
const size = () => str().regex(/^\d+(\.\d+)?\s*([kmgtp]i?)?b?$/i, { error: 'must be a size, like "64M" or "10GB"' });

const mirror = () =>
  str().superRefine((s, ctx) => {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s)?.[1]?.toLowerCase();
    if (!scheme) ctx.addIssue({ code: 'custom', message: `has no scheme: write https://${s} (or http:// for a mirror without TLS)` });
    else if (scheme !== 'http' && scheme !== 'https') ctx.addIssue({ code: 'custom', message: 'must start with https:// or http://' });
    else if (!URL.canParse(s) || /\s/.test(s)) ctx.addIssue({ code: 'custom', message: 'is not a URL' });
  });
const registryHost = () =>
  str().superRefine((s, ctx) => {
    if (s.includes('://')) ctx.addIssue({ code: 'custom', message: 'must be a host and port (like 10.0.2.2:5000) or a CIDR, without a scheme' });
    else if (!/^[A-Za-z0-9.:[\]/-]+$/.test(s)) ctx.addIssue({ code: 'custom', message: 'is not a registry host, host:port or CIDR' });
  });

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'panic'] as const;

/** Every daemon.json option of dockerd 20.10 on Linux that Berth lets the user set, with its type. */
export const daemonConfigShape = {
  'allow-nondistributable-artifacts': strList(),
  'api-cors-header': str(),
  'authorization-plugins': strList(),
  bip: cidr(4, '172.17.0.1/16'),
  bridge: str(),
  builder: obj({
    gc: obj({
      enabled: bool(),
      defaultKeepStorage: size(),
      policy: list(obj({ keepStorage: size(), filter: z.union([strList(), z.record(str(), bool())], { error: 'must be a list of filters' }), all: bool() }).partial(), 'rules'),
    }).partial(),
    entitlements: obj({ 'network-host': bool(), 'security-insecure': bool() }).partial(),
  }).partial(),
  'cgroup-parent': str(),
  'containerd-namespace': nonEmpty(),
  'containerd-plugins-namespace': nonEmpty(),
  'cpu-rt-period': int(0, 1_000_000),
  'cpu-rt-runtime': int(0, 1_000_000),
  'cri-containerd': bool(),
  debug: bool(),
  'default-address-pools': list(
    obj({ base: cidr(0, '10.10.0.0/16'), size: int(1, 128) }).refine((p) => !isCidr(p.base) || p.size >= Number(p.base.split('/')[1]), {
      error: 'size must be at least the prefix length of base (a pool is cut into networks of that size)',
      path: ['size'],
    }),
    'pools: [{ "base": "10.10.0.0/16", "size": 24 }]',
  ),
  'default-cgroupns-mode': z.enum(['host', 'private'], { error: 'must be "host" or "private"' }),
  'default-gateway': ip(),
  'default-gateway-v6': ip(),
  'default-ipc-mode': z.enum(['private', 'shareable'], { error: 'must be "private" or "shareable"' }),
  'default-runtime': nonEmpty(),
  'default-shm-size': size(),
  'default-ulimits': z.record(str(), obj({ Name: str(), Hard: int(-1, Number.MAX_SAFE_INTEGER), Soft: int(-1, Number.MAX_SAFE_INTEGER) }).partial({ Name: true }), {
    error: 'must be an object of limits: { "nofile": { "Name": "nofile", "Soft": 1024, "Hard": 4096 } }',
  }),
  dns: list(ip(), 'IP addresses'),
  'dns-opts': strList(),
  'dns-search': strList(),
  'exec-opts': strList(),
  experimental: bool(),
  features: z.record(str(), bool(), { error: 'must be an object of true/false switches: { "buildkit": true }' }),
  'fixed-cidr': cidr(4, '172.17.1.0/24'),
  'fixed-cidr-v6': cidr(6, '2001:db8::/64'),
  group: str(),
  'host-gateway-ip': ip(),
  icc: bool(),
  init: bool(),
  'init-path': nonEmpty(),
  'insecure-registries': list(registryHost(), 'registries: ["10.0.2.2:5000"]'),
  ip: ip(),
  'ip-forward': bool(),
  'ip-masq': bool(),
  iptables: bool(),
  ip6tables: bool(),
  ipv6: bool(),
  labels: list(str().regex(/^[^=\s]+=/, { error: 'must be "key=value"' }), '"key=value" strings'),
  'live-restore': bool(),
  'log-driver': nonEmpty(),
  'log-level': z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.map((l) => `"${l}"`).join(', ')}` }),
  'log-opts': z.record(str(), z.string({ error: 'must be a string: log options are strings, like "3" or "10m"' }), { error: 'must be an object: { "max-size": "10m" }' }),
  'max-concurrent-downloads': int(1, 1000),
  'max-concurrent-uploads': int(1, 1000),
  'max-download-attempts': int(1, 1000),
  'metrics-addr': str().regex(/^[^\s]*:\d+$/, { error: 'must be host:port, like 127.0.0.1:9323' }),
  mtu: int(0, 65535),
  'network-control-plane-mtu': int(0, 65535),
  'no-new-privileges': bool(),
  'node-generic-resources': strList(),
  'oom-score-adjust': int(-1000, 1000),
  'raw-logs': bool(),
  'registry-mirrors': list(mirror(), 'URLs: ["https://mirror.example.com"]'),
  runtimes: z.record(str(), obj({ path: nonEmpty(), runtimeArgs: strList() }).partial({ runtimeArgs: true }), { error: 'must be an object: { "name": { "path": "…" } }' }),
  'seccomp-profile': str(),
  'selinux-enabled': bool(),
  'shutdown-timeout': int(0, 3600),
  'storage-driver': nonEmpty(),
  'storage-opts': strList(),
  'swarm-default-advertise-addr': str(),
  'userland-proxy': bool(),
  'userland-proxy-path': nonEmpty(),
  'userns-remap': str(),
} satisfies z.ZodRawShape;

export const DAEMON_CONFIG_KEYS = Object.keys(daemonConfigShape).sort();
const daemonConfigSchema = z.object(daemonConfigShape).partial();
export type DaemonConfig = z.infer<typeof daemonConfigSchema>;

export interface DaemonConfigProblem {
  /** Where, as "log-opts.max-file" or "registry-mirrors[0]"; empty for the whole file. */
  path: string;
  message: string;
  line: number;
  column: number;
  /** The characters to underline. */
  from: number;
  to: number;
}

export type DaemonConfigCheck = { ok: true; config: DaemonConfig } | { ok: false; problems: DaemonConfigProblem[] };

function pathText(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

function unknownKeySentence(key: string): string {
  if (OTHER_SPELLINGS[key]) return `"${key}" is not a daemon.json option. ${OTHER_SPELLINGS[key]}`;
  const near = DAEMON_CONFIG_KEYS.map((k) => [k, distance(key.toLowerCase(), k)] as const).sort((a, b) => a[1] - b[1])[0];
  const hint = near && near[1] <= Math.max(2, Math.floor(key.length / 4)) ? ` Did you mean "${near[0]}"?` : '';
  return `"${key}" is not an option Docker Engine 20.10 knows.${hint}`;
}

/** Checks daemon.json text: size, JSON syntax, then each key against the schema and the keys Berth manages. */
export function checkDaemonConfig(text: string): DaemonConfigCheck {
  const at = (message: string, from: number, to: number, path: JsonPath = []): DaemonConfigProblem => ({ path: pathText(path), message, ...lineColumn(text, from), from, to });
  // Length first: a 10 MB paste is refused without being looked at.
  if (text.length > DAEMON_JSON_MAX_BYTES || new TextEncoder().encode(text).length > DAEMON_JSON_MAX_BYTES) {
    return { ok: false, problems: [at(`daemon.json is ${text.length > DAEMON_JSON_MAX_BYTES * 8 ? 'far ' : ''}too long: Berth accepts at most ${DAEMON_JSON_MAX_BYTES / 1024} KiB.`, 0, 0)] };
  }
  if (text.trim() === '') return { ok: true, config: {} };
  let parsed: ParsedJson;
  try {
    parsed = parseJsonWithSpans(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const { line, column } = lineColumn(text, err.offset);
    return { ok: false, problems: [{ path: '', message: `Line ${line}, column ${column}: ${err.message}`, line, column, from: err.offset, to: Math.min(text.length, err.offset + 1) }] };
  }
  const { value, spans } = parsed;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [at('daemon.json must be one JSON object: { "key": value, … }.', 0, text.length)] };
  }
  const problems: DaemonConfigProblem[] = [];
  const keyAt = (path: JsonPath, message: string) => {
    const s = spans.get(pathKey(path));
    problems.push(at(message, s?.keyFrom ?? s?.from ?? 0, s?.keyTo ?? s?.to ?? 0, path));
  };
  for (const d of parsed.duplicates) problems.push(at(`"${pathText(d.path)}" appears twice; keep one.`, d.keyFrom, d.keyTo, d.path));
  const known: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (MANAGED_KEYS[key]) keyAt([key], `"${key}" is managed by Berth. ${MANAGED_KEYS[key]}`);
    else if (!(key in daemonConfigShape)) keyAt([key], unknownKeySentence(key));
    else known[key] = v;
  }
  const result = daemonConfigSchema.safeParse(known);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) keyAt([...(issue.path as JsonPath), k], `"${pathText([...(issue.path as JsonPath), k])}" is not an option here.`);
        continue;
      }
      let path = issue.path as JsonPath;
      while (path.length > 0 && !spans.has(pathKey(path))) path = path.slice(0, -1);
      const missing = path.length < issue.path.length;
      const s = spans.get(pathKey(path))!;
      const name = pathText(issue.path as JsonPath);
      const message = missing ? `"${pathText(path)}" needs "${String(issue.path[path.length])}".` : `"${name}" ${issue.message}.`;
      const [from, to] = path.length === 1 && s.keyFrom !== undefined && missing === false && isContainer(s, text) ? [s.keyFrom, s.keyTo!] : [s.from, s.to];
      problems.push(at(message, from, to, issue.path as JsonPath));
    }
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.from - b.from) };
  return { ok: true, config: result.data! };
}

/** A value spanning lines (a list or object) underlines better at its key. */
function isContainer(span: { from: number; to: number }, text: string): boolean {
  return text.slice(span.from, span.to).includes('\n');
}

/** The text Berth writes for a check that passed: what the user typed, with one newline at the end. */
export function normalizeDaemonJson(text: string): string {
  return text.trim() === '' ? '{}\n' : `${text.replace(/\s+$/, '')}\n`;
}
