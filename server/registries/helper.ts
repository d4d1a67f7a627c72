// The docker credential helper protocol: `docker-credential-<name> store|get|erase|list`, speaking JSON on stdin/stdout.
import { execFile } from 'node:child_process';
import { BerthError } from '../errors';

export interface HelperCredential {
  ServerURL: string;
  Username: string;
  Secret: string;
}

type Action = 'store' | 'get' | 'erase' | 'list';

// Helpers such as pass may wait on a GPG agent; give up rather than hang a request.
const HELPER_TIMEOUT_MS = 30_000;
const HELPER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
/** The sentence every helper prints for a server it holds nothing for (docker-credential-helpers' ErrCredentialsNotFound). */
const NOT_FOUND = /credentials not found/i;

export function helperProgram(name: string): string {
  // The name comes from config.json; a "/" or ".." in it would run a program outside PATH's helpers.
  if (!HELPER_NAME.test(name) || name.includes('..')) throw new BerthError('CONFLICT', `The credential helper name "${name}" in config.json is not valid.`);
  return `docker-credential-${name}`;
}

/** A helper's own words, short, with anything secret taken out: they reach the user as part of a sentence. */
function helperWords(text: string, secrets: string[]): string {
  let out = text.trim().split('\n')[0]!.slice(0, 200);
  for (const s of secrets) if (s) out = out.split(s).join('…');
  return out.replace(/\.+$/, '');
}

interface RunResult {
  stdout: string;
  notFound: boolean;
}

function run(name: string, action: Action, input: string, secrets: string[]): Promise<RunResult> {
  const program = helperProgram(name);
  return new Promise((resolve, reject) => {
    const child = execFile(program, [action], { timeout: HELPER_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout, notFound: false });
      const output = `${stdout}\n${stderr}`;
      if (NOT_FOUND.test(output)) return resolve({ stdout: '', notFound: true });
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') {
        return reject(new BerthError('NOT_FOUND', `The credential helper ${program} is not installed or not on Berth's PATH (config.json names "${name}").`));
      }
      if (e.killed) return reject(new BerthError('TIMEOUT', `The credential helper ${program} did not answer within ${HELPER_TIMEOUT_MS / 1000} s.`));
      const words = helperWords(stderr.trim() || stdout, secrets);
      reject(new BerthError('ENGINE_ERROR', `The credential helper ${program} could not ${action} the credentials${words ? `: ${words}` : ''}.`));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

function parseJson<T>(name: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new BerthError('ENGINE_ERROR', `The credential helper ${helperProgram(name)} answered with something other than JSON.`);
  }
}

export async function helperStore(name: string, credential: HelperCredential): Promise<void> {
  await run(name, 'store', JSON.stringify(credential), [credential.Secret]);
}

/** The helper's credentials for a server, or null when it holds none. */
export async function helperGet(name: string, server: string): Promise<HelperCredential | null> {
  const result = await run(name, 'get', server, []);
  if (result.notFound) return null;
  const parsed = parseJson<Partial<HelperCredential>>(name, result.stdout);
  if (!parsed.Secret && !parsed.Username) return null;
  return { ServerURL: parsed.ServerURL ?? server, Username: parsed.Username ?? '', Secret: parsed.Secret ?? '' };
}

/** Erasing what is not there is not an error: signing out twice leaves the same state. */
export async function helperErase(name: string, server: string): Promise<void> {
  await run(name, 'erase', server, []);
}

/** Server URL → user name, for every server the helper holds. */
export async function helperList(name: string): Promise<Record<string, string>> {
  const result = await run(name, 'list', '', []);
  if (result.notFound || result.stdout.trim() === '') return {};
  const parsed = parseJson<unknown>(name, result.stdout);
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
