// What "Run" makes: one container spec that the form edits, the server checks with the same schema, and that reads
// back as the equivalent `docker run` command.
import { z } from 'zod';
import { isImageReference } from '@/server/docker/reference';
import { shellQuote } from './shell-words';

export const PROTOCOLS = ['tcp', 'udp'] as const;
export const VOLUME_TYPES = ['volume', 'bind', 'tmpfs'] as const;
export const RESTART_POLICIES = ['no', 'on-failure', 'always', 'unless-stopped'] as const;

// Docker's own name grammar: at least two characters, the first a letter or digit.
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const NAME_RULE = 'must be at least two characters: letters, digits, "_", "." and "-", starting with a letter or digit';
// Docker's RAMInBytes grammar: a number, an optional binary unit, optional "i" and "b" ("512m", "1.5g", "1GiB").
const SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;
const UNIT: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };
/** The engine refuses a memory limit under 6 MiB. */
const MIN_MEMORY = 6 * 2 ** 20;

/** Bytes of a size as `docker run --memory` reads it, or null when it is not one. */
export function memoryBytes(text: string): number | null {
  const m = SIZE.exec(text.trim());
  if (!m) return null;
  return Math.floor(Number(m[1]) * UNIT[(m[2] ?? '').toLowerCase()]!);
}

/** Billionths of a CPU, as the engine's NanoCpus counts `--cpus 1.5`; null when the text is not a number. */
export function nanoCpus(text: string): number | null {
  if (!/^\d+(?:\.\d+)?$|^\.\d+$/.test(text.trim())) return null;
  return Math.round(Number(text) * 1e9);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIp = (s: string): boolean => IPV4.test(s) || (/^[0-9a-fA-F:.]+$/.test(s) && s.includes(':'));
const isPort = (s: string): boolean => /^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535;
const PORT_RULE = 'must be a port number from 1 to 65535';

const keyValue = (key: z.ZodString) => z.object({ key, value: z.string().max(65536, 'must be at most 64 KiB') });

export const envSchema = keyValue(
  z
    .string()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'must start with a letter or "_" and hold only letters, digits, "_", "." and "-"'),
);

export const portSchema = z.object({
  hostIp: z.string().refine((s) => s === '' || isIp(s), 'must be an IP address such as 127.0.0.1, or empty for every address'),
  hostPort: z.string().refine((s) => s === '' || isPort(s), `${PORT_RULE}, or empty for any free port`),
  containerPort: z.string().refine(isPort, PORT_RULE),
  protocol: z.enum(PROTOCOLS, 'must be tcp or udp'),
});

export const volumeSchema = z
  .object({
    type: z.enum(VOLUME_TYPES, 'must be volume, bind or tmpfs'),
    source: z.string(),
    target: z.string().regex(/^\/[^:,]+$/, 'must be an absolute path in the container, such as /data, without ":" or ","'),
    readOnly: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['source'], message });
    if (v.type === 'volume' && v.source !== '' && !NAME.test(v.source)) bad(`must be a volume name (${NAME_RULE}), or empty for a new anonymous volume`);
    if (v.type === 'bind' && !/^\/[^:,]*$/.test(v.source)) bad('must be an absolute path on the engine\'s host, such as /srv/app, without ":" or ","');
    if (v.type === 'tmpfs' && v.source !== '') bad('must be empty: a tmpfs mount has no source');
  });

const labelSchema = keyValue(z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters').regex(/^[^=]+$/, 'must not contain "="'));

export const runSpecSchema = z
  .object({
    image: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters').refine(isImageReference, 'must be an image reference such as "busybox:latest"'),
    name: z.string().max(128, 'must be at most 128 characters').refine((s) => s === '' || NAME.test(s), NAME_RULE),
    command: z.array(z.string().max(65536)).max(1000, 'must have at most 1000 words'),
    entrypoint: z.string().max(4096, 'must be at most 4096 characters'),
    env: z.array(envSchema).max(1000, 'must have at most 1000 variables'),
    ports: z.array(portSchema).max(100, 'must have at most 100 ports'),
    volumes: z.array(volumeSchema).max(100, 'must have at most 100 mounts'),
    network: z.string().max(128).refine((s) => s === '' || /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(s), 'must be a network name'),
    restart: z.object({
      policy: z.enum(RESTART_POLICIES, 'must be no, on-failure, always or unless-stopped'),
      maxRetries: z.string().refine((s) => s === '' || /^\d{1,6}$/.test(s), 'must be a whole number of retries, or empty for no limit'),
    }),
    labels: z.array(labelSchema).max(1000, 'must have at most 1000 labels'),
    cpus: z.string().refine((s) => s === '' || (nanoCpus(s) ?? 0) >= 1e7, 'must be a number of CPUs such as 1.5 (at least 0.01), or empty for no limit'),
    memory: z
      .string()
      .refine((s) => s === '' || memoryBytes(s) !== null, { message: 'must be a size such as 512m or 1.5g (units b, k, m, g), or empty for no limit', abort: true })
      .refine((s) => s === '' || memoryBytes(s)! >= MIN_MEMORY, 'must be at least 6m, the least the engine allows'),
    autoRemove: z.boolean(),
    tty: z.boolean(),
    interactive: z.boolean(),
  })
  .superRefine((s, ctx) => {
    if (s.autoRemove && s.restart.policy !== 'no') {
      ctx.addIssue({ code: 'custom', path: ['restart', 'policy'], message: 'must be "no" when the container removes itself on exit (--rm)' });
    }
    if (s.restart.maxRetries !== '' && s.restart.policy !== 'on-failure') {
      ctx.addIssue({ code: 'custom', path: ['restart', 'maxRetries'], message: 'only applies to the on-failure policy' });
    }
    const published = new Set<string>();
    s.ports.forEach((p, i) => {
      if (p.hostPort === '') return;
      const key = `${p.hostPort}/${p.protocol}`;
      if (published.has(key)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'hostPort'], message: `publishes host port ${key} a second time` });
      published.add(key);
    });
    const targets = new Set<string>();
    s.volumes.forEach((v, i) => {
      if (targets.has(v.target)) ctx.addIssue({ code: 'custom', path: ['volumes', i, 'target'], message: 'is already a mount point above' });
      targets.add(v.target);
    });
  });

export type RunSpec = z.infer<typeof runSpecSchema>;
export type EnvVar = RunSpec['env'][number];
export type PortSpec = RunSpec['ports'][number];
export type VolumeSpec = RunSpec['volumes'][number];

/** A spec with nothing set but the image: what `docker run IMAGE` does. */
export function emptyRunSpec(image: string): RunSpec {
  return {
    image,
    name: '',
    command: [],
    entrypoint: '',
    env: [],
    ports: [],
    volumes: [],
    network: '',
    restart: { policy: 'no', maxRetries: '' },
    labels: [],
    cpus: '',
    memory: '',
    autoRemove: false,
    tty: false,
    interactive: false,
  };
}

/** The spec without the rows a form left blank, with fields trimmed, so an unfilled row neither errs nor shows. */
export function compactRunSpec(spec: RunSpec): RunSpec {
  return {
    ...spec,
    image: spec.image.trim(),
    name: spec.name.trim(),
    entrypoint: spec.entrypoint.trim(),
    env: spec.env.filter((e) => e.key.trim() || e.value).map((e) => ({ ...e, key: e.key.trim() })),
    labels: spec.labels.filter((l) => l.key.trim() || l.value).map((l) => ({ ...l, key: l.key.trim() })),
    ports: spec.ports
      .filter((p) => p.hostIp.trim() || p.hostPort.trim() || p.containerPort.trim())
      .map((p) => ({ ...p, hostIp: p.hostIp.trim(), hostPort: p.hostPort.trim(), containerPort: p.containerPort.trim() })),
    volumes: spec.volumes.filter((v) => v.source.trim() || v.target.trim()).map((v) => ({ ...v, source: v.source.trim(), target: v.target.trim() })),
    network: spec.network.trim(),
    restart: { ...spec.restart, maxRetries: spec.restart.maxRetries.trim() },
    cpus: spec.cpus.trim(),
    memory: spec.memory.trim(),
  };
}

/** Messages per field, keyed by the field's dotted path in the spec ("ports.0.hostPort"), as the form names its inputs. */
export function specFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'spec';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** `-p` as docker run reads it: [ip:][hostPort:]containerPort[/udp], an IPv6 address in brackets. */
export function portFlag(p: PortSpec): string {
  const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  const host = ip ? `${ip}:${p.hostPort}:` : p.hostPort ? `${p.hostPort}:` : '';
  return `${host}${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`;
}

function volumeFlag(v: VolumeSpec): [string, string] {
  const ro = v.readOnly ? ':ro' : '';
  if (v.type === 'tmpfs') return ['--tmpfs', `${v.target}${ro}`];
  return ['-v', `${v.source ? `${v.source}:` : ''}${v.target}${ro}`];
}

/** The `docker run` command that makes the same container, each argument shell-quoted; Berth runs it detached. */
export function toDockerRunCommand(input: RunSpec): string {
  const s = compactRunSpec(input);
  const args: string[] = ['docker', 'run', '-d'];
  if (s.name) args.push('--name', s.name);
  if (s.autoRemove) args.push('--rm');
  if (s.interactive || s.tty) args.push(`-${s.interactive ? 'i' : ''}${s.tty ? 't' : ''}`);
  for (const e of s.env) args.push('-e', `${e.key}=${e.value}`);
  for (const p of s.ports) args.push('-p', portFlag(p));
  for (const v of s.volumes) args.push(...volumeFlag(v));
  if (s.network) args.push('--network', s.network);
  if (s.restart.policy !== 'no') args.push('--restart', s.restart.maxRetries && s.restart.policy === 'on-failure' ? `on-failure:${s.restart.maxRetries}` : s.restart.policy);
  for (const l of s.labels) args.push('-l', `${l.key}=${l.value}`);
  if (s.cpus) args.push('--cpus', s.cpus);
  if (s.memory) args.push('--memory', s.memory);
  if (s.entrypoint) args.push('--entrypoint', s.entrypoint);
  args.push(s.image || 'IMAGE', ...s.command);
  return args.map(shellQuote).join(' ');
}

/**
 * KEY=VALUE lines of an env file (`docker run --env-file`): blank lines and lines starting with "#" are skipped, the
 * value is everything after the first "=" as written (no quotes removed, as Docker does), and a bare KEY is kept
 * with an empty value. Later lines win over earlier ones with the same key.
 */
export function parseEnvFile(text: string): EnvVar[] {
  const byKey = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!key) continue;
    byKey.delete(key);
    byKey.set(key, eq < 0 ? '' : line.slice(eq + 1));
  }
  return [...byKey].map(([key, value]) => ({ key, value }));
}
