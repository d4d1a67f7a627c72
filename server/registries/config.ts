// The docker CLI's config.json as Berth reads and writes it for registry sign-ins: auths, credsStore, credHelpers.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../errors';

/** Docker Hub's key in config.json and in credential helpers, as `docker login` writes it. */
export const DOCKER_HUB = 'https://index.docker.io/v1/';

/** What Berth may change in one config.json entry; unknown keys of the entry are kept as they are. */
export interface AuthEntry {
  auth?: string;
  identitytoken?: string;
  [key: string]: unknown;
}

/** config.json as parsed; every key Berth does not know is kept when it writes the file back. */
export interface DockerConfigFile {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

// The names Docker Hub goes by; the CLI files them all under its one index key.
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/**
 * The key a server is filed under, as the CLI normalises it: Docker Hub (or nothing) is its index URL, any other
 * registry is its host and port without scheme or path ("https://reg.local:5000/v2/" → "reg.local:5000").
 */
export function normalizeServer(server: string): string {
  const trimmed = server.trim();
  if (trimmed === '' || trimmed === DOCKER_HUB) return DOCKER_HUB;
  const host = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]!.toLowerCase();
  return HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}

/** How a server reads to people: Docker Hub by name, others by host. */
export function serverLabel(server: string): string {
  return server === DOCKER_HUB ? 'Docker Hub' : server;
}

export function configPath(dir: string): string {
  return join(dir, 'config.json');
}

/** The parsed file, or an empty one when there is none yet; a broken file is refused rather than overwritten. */
export function readDockerConfig(dir: string): DockerConfigFile {
  let text: string;
  try {
    text = readFileSync(configPath(dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new BerthError('PERMISSION_DENIED', `Berth cannot read ${configPath(dir)}: ${(err as NodeJS.ErrnoException).code ?? 'unknown error'}.`);
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BerthError('CONFLICT', `${configPath(dir)} is not valid JSON; fix or remove it before signing in.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BerthError('CONFLICT', `${configPath(dir)} does not hold a JSON object; fix or remove it before signing in.`);
  }
  return parsed as DockerConfigFile;
}

/**
 * Writes the whole file through a temp file and a rename, so a reader never sees half of it, with mode 0600
 * because it may hold passwords. The CLI indents with tabs; so does Berth, so diffs of the file stay small.
 */
export function writeDockerConfig(dir: string, config: DockerConfigFile): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const target = configPath(dir);
  const temp = join(dir, `.config.json.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, JSON.stringify(config, null, '\t') + '\n', { mode: 0o600 });
    // writeFileSync's mode is masked by the umask; the file must end up 0600 whatever it is.
    chmodSync(temp, 0o600);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new BerthError('PERMISSION_DENIED', `Berth cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? 'unknown error'}.`);
  }
}

/** The helper that keeps this server's credentials (credHelpers first, then credsStore), or none: the file itself. */
export function helperFor(config: DockerConfigFile, server: string): string | undefined {
  const own = config.credHelpers?.[server];
  if (own) return own;
  return config.credsStore || undefined;
}

/** An auths entry's "auth" field, base64 of "user:password"; null when it holds none or is not that shape. */
export function decodeAuth(auth: string | undefined): { username: string; password: string } | null {
  if (!auth) return null;
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}
