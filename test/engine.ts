// A private Docker Engine for tests and benchmarks: its own dockerd, data root and socket, and an offline busybox image.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';

export const TEST_IMAGE = 'berth-test/busybox:latest';
const BUSYBOX_APPLETS = ['sh', 'ls', 'cat', 'echo', 'sleep', 'httpd', 'true', 'false', 'printf', 'seq', 'yes', 'head', 'tail', 'wc', 'dd', 'rm', 'mkdir', 'env', 'date', 'usleep', 'top', 'ps', 'kill', 'sync', 'sed', 'tr', 'awk', 'grep', 'cut', 'sort', 'xargs', 'od', 'md5sum', 'sha256sum', 'find', 'du', 'stat', 'touch', 'cp', 'mv', 'ln', 'chmod', 'hostname', 'id', 'nc', 'wget', 'base64', 'fallocate', 'truncate'];

export interface TestEngine {
  dir: string;
  socket: string;
  host: string;
  pid: number;
  api: Docker;
  stop(): Promise<void>;
}

function findDockerd(): string {
  for (const p of ['/usr/sbin/dockerd', '/usr/bin/dockerd']) if (existsSync(p)) return p;
  throw new Error('dockerd is not installed: run "npm test" (it installs docker.io) or "apt-get install docker.io".');
}

async function waitForPing(api: Docker, proc: ChildProcess, logFile: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`the test dockerd exited with code ${proc.exitCode}; see ${logFile}`);
    try {
      await api.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the test dockerd did not answer within ${deadlineMs / 1000} s; see ${logFile}`);
}

/** Starts a dockerd that shares nothing with a system daemon: own data root, exec root, pidfile and socket. */
export async function startTestEngine(opts: { dir?: string } = {}): Promise<TestEngine> {
  const dockerd = findDockerd();
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'berth-engine-'));
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, 'docker.sock');
  const logFile = join(dir, 'dockerd.log');
  const log = openSync(logFile, 'a');
  const proc = spawn(
    dockerd,
    [
      '--host', `unix://${socket}`,
      '--data-root', join(dir, 'data'),
      '--exec-root', join(dir, 'exec'),
      '--pidfile', join(dir, 'dockerd.pid'),
      '--bridge', 'none',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-masq=false',
      '--log-level', 'warn',
      // Room for many networks: Docker's default pools hold 31, and bridges left by engines that were killed keep theirs.
      '--default-address-pool', 'base=10.128.0.0/9,size=24',
      // A private containerd, so nothing is shared with a system one.
      '--containerd-namespace', 'berth-test',
      '--containerd-plugins-namespace', 'berth-test-plugins',
    ],
    { stdio: ['ignore', log, log], detached: false },
  );
  const api = new Docker({ socketPath: socket });
  try {
    await waitForPing(api, proc, logFile, 30_000);
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    dir,
    socket,
    host: `unix://${socket}`,
    pid: proc.pid!,
    api,
    stop() {
      stopped ??= (async () => {
        // Containers first, so dockerd's shutdown does not wait on them.
        const containers = await api.listContainers({ all: true }).catch(() => []);
        await Promise.all(containers.map((c) => api.getContainer(c.Id).remove({ force: true }).catch(() => {})));
        // Bridge networks outlive the daemon as host interfaces and use up the address pools: remove them.
        const networks = await api.listNetworks().catch(() => []);
        await Promise.all(
          networks
            .filter((n) => !['bridge', 'host', 'none'].includes(n.Name))
            .map((n) => api.getNetwork(n.Id).remove().catch(() => {})),
        );
        if (proc.exitCode === null) {
          const exited = new Promise<void>((r) => proc.once('exit', () => r()));
          proc.kill('SIGTERM');
          const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        try {
          execFileSync('umount', ['-R', join(dir, 'exec')], { stdio: 'ignore' });
        } catch {
          // Nothing mounted is the normal case.
        }
        if (!opts.dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      })();
      return stopped;
    },
  };
}

function findBusybox(): string {
  for (const p of ['/bin/busybox', '/usr/bin/busybox']) if (existsSync(p)) return p;
  throw new Error('busybox is not installed: run "npm test" (it installs busybox-static) or "apt-get install busybox-static".');
}

/** `docker import` of a tar holding busybox-static: a working image with no registry. */
export async function importBusybox(api: Docker, ref = TEST_IMAGE): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'berth-rootfs-'));
  try {
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'tmp'));
    mkdirSync(join(root, 'www'));
    copyFileSync(findBusybox(), join(root, 'bin', 'busybox'));
    chmodSync(join(root, 'bin', 'busybox'), 0o755);
    for (const applet of BUSYBOX_APPLETS) symlinkSync('busybox', join(root, 'bin', applet));
    const tar = spawn('tar', ['-C', root, '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo, tag = 'latest'] = ref.split(':');
    const stream = (await api.importImage(tar.stdout, { repo, tag, changes: ['CMD ["/bin/sh"]', 'ENV PATH=/bin'] } as never)) as unknown as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => api.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
    const info = await api.getImage(ref).inspect();
    return info.Id;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A user-defined bridge network: the private daemon runs with --bridge none, so published ports need one. */
export async function ensureNetwork(api: Docker, name = 'berth-test'): Promise<string> {
  const existing = await api.listNetworks({ filters: { name: [name] } });
  const found = existing.find((n) => n.Name === name);
  if (found) return found.Id;
  try {
    const net = await api.createNetwork({ Name: name, Driver: 'bridge' });
    return net.id;
  } catch (err) {
    // Several private engines on one machine can use up Docker's default pools: pick a free /24 of our own.
    if (!/non-overlapping|address pool/i.test(String((err as Error).message))) throw err;
    for (let attempt = 0; ; attempt++) {
      const subnet = `10.${200 + Math.floor(Math.random() * 55)}.${Math.floor(Math.random() * 256)}.0/24`;
      try {
        const net = await api.createNetwork({ Name: name, Driver: 'bridge', IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] } });
        return net.id;
      } catch (again) {
        if (attempt >= 20) throw again;
      }
    }
  }
}
