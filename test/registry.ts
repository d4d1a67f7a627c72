// A private image registry for tests: Debian's docker-registry (distribution 2.8) on a free 127.0.0.1 port, with
// htpasswd sign-in. Engines treat 127.0.0.0/8 registries as insecure, so it speaks plain HTTP.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRegistry {
  /** "127.0.0.1:PORT", the registry part of an image reference. */
  host: string;
  user: string;
  password: string;
  dir: string;
  stop(): Promise<void>;
}

const REGISTRY_BIN = '/usr/bin/docker-registry';

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForRegistry(host: string, expected: number, proc: ChildProcess, logFile: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`the test registry exited with code ${proc.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(1_000) });
      await res.body?.cancel();
      if (res.status === expected) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the test registry did not answer within ${deadlineMs / 1000} s; see ${logFile}`);
}

/** Starts a registry that keeps its images in `dir` (a temp dir unless given) and asks for a password unless `auth: false`. */
export async function startTestRegistry(opts: { dir?: string; auth?: boolean } = {}): Promise<TestRegistry> {
  if (!existsSync(REGISTRY_BIN)) throw new Error('docker-registry is not installed: run "npm test" (it installs docker-registry) or "apt-get install docker-registry".');
  const auth = opts.auth !== false;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'berth-registry-'));
  mkdirSync(join(dir, 'data'), { recursive: true });
  const user = 'berth-test';
  const password = randomBytes(12).toString('base64url');
  if (auth) {
    // Bcrypt, the only hash distribution's htpasswd reader accepts.
    const line = execFileSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' });
    writeFileSync(join(dir, 'htpasswd'), line.trim() + '\n', { mode: 0o600 });
  }
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(join(dir, 'data'))}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    ...(auth ? ['auth:', '  htpasswd:', '    realm: berth-test', `    path: ${JSON.stringify(join(dir, 'htpasswd'))}`] : []),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), config);
  const logFile = join(dir, 'registry.log');
  const log = openSync(logFile, 'a');
  const proc = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', log, log] });
  try {
    await waitForRegistry(host, auth ? 401 : 200, proc, logFile, 20_000);
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    host,
    user,
    password,
    dir,
    stop() {
      stopped ??= (async () => {
        if (proc.exitCode === null && proc.signalCode === null) {
          const exited = new Promise<void>((r) => proc.once('exit', () => r()));
          proc.kill('SIGTERM');
          const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        if (!opts.dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      })();
      return stopped;
    },
  };
}
