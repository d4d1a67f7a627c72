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
    else throw new ConfigError(`Unknown option ${arg}. Usage: berth start [--port N] [--host ADDR]`);
  }
  return {
    port,
    host,
    home: resolve(env.BERTH_HOME || join(homedir(), '.berth')),
    token: env.BERTH_TOKEN || undefined,
    allowedHosts: parseAllowedHosts(env.BERTH_ALLOWED_HOSTS),
    dev: env.BERTH_DEV === '1',
    root,
  };
}
