// A real HTTP proxy for tests: Debian's tinyproxy on a free 127.0.0.1 port, with its own config and log file,
// ended by its pid. Its log names every request it forwarded.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './registry';

export interface TestProxy {
  port: number;
  logFile: string;
  /** The log so far. */
  log(): string;
  stop(): Promise<void>;
}

const TINYPROXY_BIN = '/usr/bin/tinyproxy';

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * `upstreams` maps a site (a host or address) to a server on this machine that answers for it: the proxy forwards
 * requests for that site there, in a proxy's absolute form. The VM names this machine 10.0.2.2, an address that
 * exists only inside QEMU's user network; a proxy on this machine reaches the same servers at 127.0.0.1.
 */
export async function startTestProxy(opts: { upstreams?: Record<string, string> } = {}): Promise<TestProxy> {
  if (!existsSync(TINYPROXY_BIN)) throw new Error('tinyproxy is not installed: run "npm test" (it installs tinyproxy) or "apt-get install tinyproxy".');
  const dir = mkdtempSync(join(tmpdir(), 'berth-proxy-'));
  const port = await freePort();
  const logFile = join(dir, 'tinyproxy.log');
  writeFileSync(logFile, '');
  writeFileSync(
    join(dir, 'tinyproxy.conf'),
    [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 120', `LogFile "${logFile}"`, 'LogLevel Info', 'MaxClients 40', 'Allow 127.0.0.1', 'DisableViaHeader Yes',
      ...Object.entries(opts.upstreams ?? {}).map(([site, target]) => `Upstream http ${target} "${site}"`), ''].join('\n'),
  );
  const proc: ChildProcess = spawn(TINYPROXY_BIN, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      if (proc.exitCode === null) process.kill(proc.pid!, 'SIGKILL');
      throw new Error(`tinyproxy did not start: ${stderr.trim() || readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' / ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    logFile,
    log: () => readFileSync(logFile, 'utf8'),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        process.kill(proc.pid!, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
