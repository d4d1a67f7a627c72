// Berth's settings from the command line and the environment.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllowedHosts } from './auth/guard';

export interface Config {
  port: number;
  host: string;
  home: string;
  token?: string;
  allowedHosts: string[];
  dev: boolean;
  /** Directory holding app/, .next/ and package.json. */
  root: string;
  /** PEM files: with both, Berth serves https. */
  tlsCert?: string;
  tlsKey?: string;
  /** Allow plain http on a non-loopback address. */
  insecureNoTls?: boolean;
  /** A sub-path behind a reverse proxy, e.g. "/berth"; "" at the root. */
  basePath?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function normalizeBasePath(value: string | undefined): string {
  if (!value || value === '/') return '';
  if (!/^\/[a-zA-Z0-9._~-]+(\/[a-zA-Z0-9._~-]+)*\/?$/.test(value)) {
    throw new ConfigError(`--base-path must look like /berth (letters, digits, ".", "_", "~", "-"), not "${value}".`);
  }
  return value.replace(/\/$/, '');
}

export class ConfigError extends Error {}

function parsePort(value: string, from: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new ConfigError(`${from} must be a port number from 1 to 65535, not "${value}".`);
  }
  return Number(value);
}

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv, root: string): Config {
  let port = env.BERTH_PORT ? parsePort(env.BERTH_PORT, 'BERTH_PORT') : 7627;
  let host = env.BERTH_HOST || '127.0.0.1';
  let tlsCert = env.BERTH_TLS_CERT || undefined;
  let tlsKey = env.BERTH_TLS_KEY || undefined;
  let insecureNoTls = false;
  let basePath = env.BERTH_BASE_PATH || '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new ConfigError(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--port' || flag === '-p') port = parsePort(value(), '--port');
    else if (flag === '--host') host = value();
    else if (flag === '--tls-cert') tlsCert = value();
    else if (flag === '--tls-key') tlsKey = value();
    else if (flag === '--insecure-no-tls') insecureNoTls = true;
    else if (flag === '--base-path') basePath = value();
    else throw new ConfigError(`Unknown option ${arg}. Usage: berth start [--port N] [--host ADDR] [--tls-cert FILE --tls-key FILE] [--insecure-no-tls] [--base-path /PATH]`);
  }
  if (Boolean(tlsCert) !== Boolean(tlsKey)) throw new ConfigError('--tls-cert and --tls-key go together: give both.');
  if (!isLoopback(host) && !tlsCert && !insecureNoTls) {
    throw new ConfigError(
      `Berth would listen on ${host}, reachable from other machines, without TLS. Give --tls-cert and --tls-key, ` +
        'or --insecure-no-tls if something in front of Berth already encrypts. To reach Berth from elsewhere, prefer: ssh -L 8080:127.0.0.1:7627 this-host',
    );
  }
  return {
    port,
    host,
    home: resolve(env.BERTH_HOME || join(homedir(), '.berth')),
    token: env.BERTH_TOKEN || undefined,
    allowedHosts: parseAllowedHosts(env.BERTH_ALLOWED_HOSTS),
    dev: env.BERTH_DEV === '1',
    root,
    tlsCert,
    tlsKey,
    insecureNoTls,
    basePath: normalizeBasePath(basePath),
  };
}
