// The docker CLI context "berth" for the VM's socket, and switching the CLI's current context to it and back.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { contextDirName, dockerConfigDir } from '../engines/contexts';

export const CONTEXT_NAME = 'berth';

function configDir(env: NodeJS.ProcessEnv): string {
  return dockerConfigDir(env, homedir());
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.berth-tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, '\t')}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

function readConfig(dir: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Creates or updates the context so `docker --context berth …` reaches the VM. */
export function writeContext(socketPath: string, env: NodeJS.ProcessEnv = process.env): void {
  const dir = join(configDir(env), 'contexts', 'meta', contextDirName(CONTEXT_NAME));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeJson(join(dir, 'meta.json'), {
    Name: CONTEXT_NAME,
    Metadata: { Description: 'Berth VM' },
    Endpoints: { docker: { Host: `unix://${socketPath}`, SkipTLSVerify: false } },
  });
}

export function removeContext(env: NodeJS.ProcessEnv = process.env): void {
  rmSync(join(configDir(env), 'contexts', 'meta', contextDirName(CONTEXT_NAME)), { recursive: true, force: true });
}

export function currentContext(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = readConfig(configDir(env)).currentContext;
  return typeof value === 'string' && value ? value : undefined;
}

/** Makes "berth" current; returns the context it replaced ("" for the default). */
export function switchToBerth(env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  const config = readConfig(dir);
  const previous = typeof config.currentContext === 'string' ? config.currentContext : '';
  if (previous === CONTEXT_NAME) return previous;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeJson(join(dir, 'config.json'), { ...config, currentContext: CONTEXT_NAME });
  return previous;
}

/** Puts back the context "berth" replaced, unless the user chose another one since. */
export function restoreContext(previous: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const dir = configDir(env);
  if (!existsSync(join(dir, 'config.json'))) return;
  const config = readConfig(dir);
  if (config.currentContext !== CONTEXT_NAME) return;
  const next = { ...config };
  if (previous && previous !== CONTEXT_NAME) next.currentContext = previous;
  else delete next.currentContext;
  writeJson(join(dir, 'config.json'), next);
}
