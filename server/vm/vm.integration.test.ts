// The VM for real, under software emulation: boot, CLI context, ports, shares, reclaim, grow, stop, crash.
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, startBerth } from '@/server/main';
import { importBusybox, TEST_IMAGE } from '@/test/engine';
import { testCaller, testRegistry } from '@/test/harness';
import { PROMPT, openTerminalClient } from '@/test/terminal-client';
import { provideVmImage } from '@/test/vm-image';
import { currentContext } from './cli-context';
import { GIB } from './disk';
import { haltVm } from './lifecycle';
import { VmManager } from './manager';
import { pidAlive, sleep } from './procs';
import { readRunState } from './state';
import { defaultSettings, saveSettings } from './settings';
import { vmPaths } from './paths';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const home = mkdtempSync(join(tmpdir(), 'berth-vm-'));
const shared = mkdtempSync(join(tmpdir(), 'berth-share-'));
const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-dockercfg-'));
const env = { ...process.env, DOCKER_CONFIG: dockerConfig, BERTH_HOME: home };
const paths = vmPaths(home);
const registry = testRegistry();
let vm: VmManager;

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', ['--context', 'berth', ...args], { env, timeout: 120_000 });
  return stdout.trim();
}

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve(fn()).catch(() => undefined);
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function fetchStatus(port: number): Promise<number | string> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5000) })).status;
  } catch (err) {
    return String((err as { cause?: { code?: string } }).cause?.code ?? err);
  }
}

beforeAll(async () => {
  await provideVmImage(paths);
  writeFileSync(join(shared, 'marker.txt'), 'hello from the host\n');
  saveSettings(paths, { ...defaultSettings(paths), cpus: 1, memoryMiB: 1024, swapMiB: 0, diskMaxGiB: 8, shares: [shared] });
  vm = new VmManager({ home, root: ROOT, registry, env });
}, 600_000);

afterAll(async () => {
  await haltVm(paths, { log: () => undefined, step: () => undefined }, env, true);
});

describe.sequential('the VM', () => {
  it('starts, registers the engine "vm" and runs a container through the docker context "berth"', async () => {
    await vm.start().done;
    const status = vm.status();
    expect(status.operation?.error).toBeUndefined();
    expect(status.state).toBe('running');
    expect(status.accel).toMatch(/^(tcg|kvm)$/);
    expect(status.accelReason).toBeTruthy();
    expect(registry.has('vm')).toBe(true);
    expect(statSync(paths.dockerSocket).mode & 0o777).toBe(0o600);
    expect(currentContext(env)).toBe('berth');
    await importBusybox(new Docker({ socketPath: paths.dockerSocket }));
    expect(await docker('run', '--rm', TEST_IMAGE, 'echo', 'hello from the VM')).toBe('hello from the VM');
    expect(await run('sh', ['-c', `echo piped | docker --context berth run --rm -i ${TEST_IMAGE} cat`], { env }).then((r) => r.stdout.trim())).toBe('piped');
  }, 600_000);

  it('forwards a published port to the host, reports a taken one, and closes it when the container goes', async () => {
    const port = 18_000 + (process.pid % 1000);
    await docker('run', '-d', '--name', 'web', '-p', `${port}:8000`, TEST_IMAGE, 'httpd', '-f', '-p', '8000', '-h', '/bin');
    expect(await until('the forwarded port', async () => ((await fetchStatus(port)) === 404 || (await fetchStatus(port)) === 200 ? true : undefined))).toBe(true);
    expect(vm.status().ports).toEqual([expect.objectContaining({ hostPort: port, hostIp: '127.0.0.1', containerName: 'web' })]);

    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(port + 1, '127.0.0.1', r));
    try {
      await docker('run', '-d', '--name', 'clash', '-p', `${port + 1}:8000`, TEST_IMAGE, 'httpd', '-f', '-p', '8000');
      const clash = await until('the clash report', () => vm.status().ports.find((p) => p.hostPort === port + 1 && p.error));
      expect(clash.error).toContain('already in use');
    } finally {
      taken.close();
      await docker('rm', '-f', 'clash');
    }

    await docker('rm', '-f', 'web');
    expect(await until('the port to close', async () => ((await fetchStatus(port)) === 'ECONNREFUSED' ? true : undefined), 30_000)).toBe(true);
  }, 300_000);

  it("opens a terminal, lists files and shows processes in a container on the VM's engine", async () => {
    await docker('run', '-d', '--name', 'inside', TEST_IMAGE, 'sh', '-c', 'echo from the VM > /note.txt; exec sleep 3600');
    const token = 'vm-terminal-token';
    const berth: Berth = await startBerth(
      { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-vm-term-')), token, allowedHosts: [], dev: false, root: ROOT },
      { registry, quiet: true, ui: false },
    );
    try {
      const address = berth.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const t = await openTerminalClient({ port, token, engine: 'vm', id: 'inside', cols: 90, rows: 20 });
      await t.waitFor(PROMPT, 60_000);
      t.type('echo $((6*7))\r');
      await t.waitFor(/\r\n42\r\n/, 30_000);
      t.type('stty size\r');
      await t.waitFor(/20 90/, 30_000);
      const caller = await testCaller(undefined, registry);
      const top = await caller.containers.top({ engine: 'vm', id: 'inside' });
      expect(JSON.stringify(top)).toContain('sleep 3600');
      const listing = await caller.containers.files({ engine: 'vm', id: 'inside', path: '/' });
      expect(JSON.stringify(listing)).toContain('note.txt');
      const file = await caller.containers.readFile({ engine: 'vm', id: 'inside', path: '/note.txt' });
      expect(JSON.stringify(file)).toContain('from the VM');
      t.ws.close();
      await t.closed;
    } finally {
      await berth.close();
      await docker('rm', '-f', 'inside');
    }
  }, 300_000);

  it('shares a host directory at the same path', async () => {
    expect(await docker('run', '--rm', '-v', `${shared}:${shared}`, TEST_IMAGE, 'cat', join(shared, 'marker.txt'))).toBe('hello from the host');
    await docker('run', '--rm', '-v', `${shared}:/src`, TEST_IMAGE, 'sh', '-c', 'echo written by a container > /src/back.txt');
    expect(existsSync(join(shared, 'back.txt'))).toBe(true);
  }, 300_000);

  it('brings the engine socket back when the supervisor process dies', async () => {
    const before = readRunState(paths)!.supervisorPid!;
    process.kill(before, 'SIGKILL');
    await until('the old supervisor to go', () => (pidAlive(before, 'berth') ? undefined : true));
    // Berth's health step replaces it by itself: nothing has to ask for the VM's status.
    const after = await until('a new supervisor', () => {
      const pid = readRunState(paths)?.supervisorPid;
      return pid !== before ? pid : undefined;
    });
    expect(after).not.toBe(before);
    expect(await until('the engine through the new socket', async () => ((await docker('version', '--format', '{{.Server.Version}}')) ? true : undefined))).toBe(true);
    expect(statSync(paths.dockerSocket).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('gives the host its disk space back after deleting 200 MB and reclaiming', async () => {
    const file = readRunState(paths)!.diskFile;
    await docker('run', '--rm', '-v', 'bulk:/data', TEST_IMAGE, 'sh', '-c', 'head -c 209715200 /dev/urandom > /data/blob && sync');
    await sleep(1000);
    const full = statSync(file).blocks * 512;
    await docker('run', '--rm', '-v', 'bulk:/data', TEST_IMAGE, 'sh', '-c', 'rm /data/blob && sync');
    await vm.reclaim().done;
    const op = vm.status().operation!;
    expect(op.error).toBeUndefined();
    expect(op.result).toMatch(/^Reclaimed /);
    const after = statSync(file).blocks * 512;
    expect(full - after).toBeGreaterThan(180 * 1024 * 1024);
  }, 300_000);

  it('grows the disk without losing what is on it', async () => {
    await docker('run', '--rm', '-v', 'keep:/data', TEST_IMAGE, 'sh', '-c', 'echo still here > /data/marker && sync');
    await vm.apply({ ...vm.settings(), diskMaxGiB: 10 }).done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(vm.status().state).toBe('running');
    expect(statSync(readRunState(paths)!.diskFile).size).toBe(10 * GIB);
    expect(await docker('run', '--rm', '-v', 'keep:/data', TEST_IMAGE, 'cat', '/data/marker')).toBe('still here');
    const df = await docker('run', '--rm', '-v', 'keep:/data', TEST_IMAGE, 'busybox', 'df', '-k', '/data');
    const sizeKiB = Number(df.split('\n')[1]!.trim().split(/\s+/)[1]);
    expect(sizeKiB).toBeGreaterThan(9 * 1024 * 1024);
  }, 600_000);

  it('refuses to shrink the disk without the typed confirmation, and changes nothing', () => {
    expect(() => vm.apply({ ...vm.settings(), diskMaxGiB: 6 })).toThrow(/Type "delete my data" to confirm/);
    expect(vm.settings().diskMaxGiB).toBe(10);
  });

  it('stops and leaves no QEMU process, socket or current context behind', async () => {
    const pid = readRunState(paths)!.qemuPid;
    await vm.stop().done;
    expect(vm.status().state).toBe('stopped');
    expect(pidAlive(pid, 'qemu')).toBe(false);
    expect(existsSync(paths.dockerSocket)).toBe(false);
    expect(existsSync(paths.qmpSocket)).toBe(false);
    expect(registry.has('vm')).toBe(false);
    expect(currentContext(env)).toBeUndefined();
  }, 120_000);

  it('moves the disk image to a new location, verified, and deletes the old file only then', async () => {
    const oldFile = join(vm.settings().diskDir, 'Docker.raw');
    const target = mkdtempSync(join(tmpdir(), 'berth-moved-'));
    await vm.apply({ ...vm.settings(), diskDir: target }).done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(existsSync(oldFile)).toBe(false);
    expect(statSync(join(target, 'Docker.raw')).size).toBe(10 * GIB);
    expect(vm.status().disk?.file).toBe(join(target, 'Docker.raw'));
  }, 300_000);

  it('notices QEMU being killed, says so, and starts again cleanly with the data intact', async () => {
    await vm.start().done;
    const pid = readRunState(paths)!.qemuPid;
    process.kill(pid, 'SIGKILL');
    const status = await until('the crash report', () => (vm.status().state === 'error' ? vm.status() : undefined), 30_000);
    expect(status.message).toContain('stopped unexpectedly');
    expect(existsSync(paths.dockerSocket)).toBe(false);
    await vm.start().done;
    expect(vm.status().state).toBe('running');
    expect(await docker('run', '--rm', '-v', 'keep:/data', TEST_IMAGE, 'cat', '/data/marker')).toBe('still here');
  }, 600_000);
});
