// Berth killed (SIGKILL) in the middle of a VM operation, for real under emulation: the VM and its data disk
// survive, and the next Berth sees the VM as it is, uses it and stops it without leaving anything behind.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBusybox, TEST_IMAGE } from '@/test/engine';
import { testRegistry } from '@/test/harness';
import { provideVmImage } from '@/test/vm-image';
import { currentContext } from './cli-context';
import { haltVm } from './lifecycle';
import { VmManager } from './manager';
import { vmPaths } from './paths';
import { pidAlive, sleep } from './procs';
import { defaultSettings, saveSettings } from './settings';
import { readRunState } from './state';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const home = mkdtempSync(join(tmpdir(), 'berth-vm-crash-'));
const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-dockercfg-'));
const env = { ...process.env, DOCKER_CONFIG: dockerConfig, BERTH_HOME: home };
const paths = vmPaths(home);
const registry = testRegistry();
/** The docker CLI's current context before Berth ever ran: Berth must give it back. */
const USER_CONTEXT = 'elsewhere';
const BLOB_BYTES = 20 * 1024 * 1024;

const children = new Set<ChildProcess>();
const vmPids = new Set<number>();
let vm: VmManager;
let blobSha = '';
let diskBefore: { ino: number; size: number; allocated: number } | null = null;

interface BerthProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** A Berth process of its own running one VM operation: the `berth vm` command, or test/vm-operation.ts for apply. */
function berth(args: string[]): BerthProcess {
  const script = args[0] === 'apply' ? ['--import', 'tsx', join(ROOT, 'test', 'vm-operation.ts')] : [join(ROOT, 'bin', 'berth.mjs'), 'vm'];
  const child = spawn(process.execPath, [...script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((r) => child.once('exit', (code, signal) => r(signal ?? code)));
  return { child, output: () => text, exited };
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 120_000, stepMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve(fn()).catch(() => undefined);
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(stepMs);
  }
}

/** Kills the Berth process at the chosen moment, the way a crash or `kill -9` would. */
async function killWhen(p: BerthProcess, what: string, moment: () => boolean | Promise<boolean>): Promise<void> {
  await until(what, () => {
    if (p.child.exitCode !== null) throw new Error(`Berth ended before ${what}: ${p.output()}`);
    rememberVmPids();
    return moment();
  }, 300_000, 10);
  process.kill(p.child.pid!, 'SIGKILL');
  expect(await p.exited).toBe('SIGKILL');
  rememberVmPids();
}

function rememberVmPids(): void {
  const s = readRunState(paths);
  if (s?.qemuPid) vmPids.add(s.qemuPid);
  if (s?.supervisorPid) vmPids.add(s.supervisorPid);
}

/** A new Berth: what it sees comes from the files and processes the killed one left, nothing in memory. */
function newBerth(): VmManager {
  vm?.detach();
  vm = new VmManager({ home, root: ROOT, registry, env });
  return vm;
}

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', ['--context', 'berth', ...args], { env, timeout: 120_000 });
  return stdout.trim();
}

async function engineAnswers(): Promise<boolean> {
  return (await docker('version', '--format', '{{.Server.Version}}')) !== '';
}

function diskNow(): { ino: number; size: number; allocated: number } {
  const st = statSync(join(vm.settings().diskDir, 'Docker.raw'));
  return { ino: st.ino, size: st.size, allocated: st.blocks * 512 };
}

/** dockerd in the guest no longer answers once the guest's shutdown has begun. */
async function engineGone(): Promise<boolean> {
  try {
    await new Docker({ socketPath: paths.dockerSocket, timeout: 2000 }).ping();
    return false;
  } catch {
    return true;
  }
}

function readBlobSha(): Promise<string> {
  return docker('run', '--rm', '-v', 'crash-data:/data', TEST_IMAGE, 'sha256sum', '/data/blob');
}

beforeAll(async () => {
  await provideVmImage(paths);
  saveSettings(paths, { ...defaultSettings(paths), cpus: 1, memoryMiB: 1024, swapMiB: 0, diskMaxGiB: 4, shares: [] });
  writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ currentContext: USER_CONTEXT }));
}, 600_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await haltVm(paths, { log: () => undefined, step: () => undefined }, env, true);
  for (const pid of vmPids) {
    if (pidAlive(pid, 'qemu') || pidAlive(pid, 'berth')) process.kill(pid, 'SIGKILL');
  }
  // The logs stay for a look after a failure; the disk image is the only large file.
  rmSync(paths.defaultDiskDir, { recursive: true, force: true });
}, 60_000);

describe.sequential('Berth killed during a VM operation', () => {
  it('killed during "vm start" right after QEMU was spawned: the next Berth finds the VM running, uses it, stops and starts it', async () => {
    const starting = berth(['start']);
    await killWhen(starting, 'QEMU to be spawned', () => pidAlive(readRunState(paths)?.qemuPid ?? null, 'qemu'));
    const qemuPid = readRunState(paths)!.qemuPid;
    expect(pidAlive(qemuPid, 'qemu')).toBe(true);

    newBerth();
    expect(['starting', 'running']).toContain(vm.status().state);
    await until('the engine in the VM to answer', engineAnswers, 180_000);
    expect(vm.status().state).toBe('running');
    expect(readRunState(paths)!.qemuPid).toBe(qemuPid);
    expect(pidAlive(readRunState(paths)!.supervisorPid ?? null, 'berth')).toBe(true);
    expect(registry.has('vm')).toBe(true);
    await importBusybox(new Docker({ socketPath: paths.dockerSocket }));
    expect(await docker('run', '--rm', TEST_IMAGE, 'echo', 'after the crash')).toBe('after the crash');

    await vm.stop().done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(vm.status().state).toBe('stopped');
    for (const pid of vmPids) expect(pidAlive(pid, 'qemu') || pidAlive(pid, 'berth')).toBe(false);
    for (const f of [paths.dockerSocket, paths.lockFile, paths.stateFile]) expect(existsSync(f)).toBe(false);

    await vm.start().done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(vm.status().state).toBe('running');
    rememberVmPids();
  }, 900_000);

  it('killed while "vm restart" shuts the VM down: the data disk and a volume\'s file are intact and the VM starts again', async () => {
    blobSha = await docker('run', '--rm', '-v', 'crash-data:/data', TEST_IMAGE, 'sh', '-c', `head -c ${BLOB_BYTES} /dev/urandom > /data/blob && sync && sha256sum /data/blob`);
    await docker('create', '--name', 'keeper', TEST_IMAGE, 'true');
    diskBefore = diskNow();

    const restarting = berth(['restart']);
    await killWhen(restarting, 'the guest to be shutting down', async () => restarting.output().includes('Asking the guest to shut down') && (await engineGone()));

    newBerth();
    // The stop the killed Berth asked for shows as "stopping" until QEMU is gone.
    expect(['stopping', 'stopped']).toContain(vm.status().state);
    const status = await until('the VM to finish shutting down', () => (!['running', 'stopping'].includes(vm.status().state) ? vm.status() : undefined), 120_000);
    expect(status.state).toBe('stopped');
    for (const pid of vmPids) expect(pidAlive(pid, 'qemu') || pidAlive(pid, 'berth')).toBe(false);

    await vm.start().done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(vm.status().state).toBe('running');
    rememberVmPids();
    expect(await readBlobSha()).toBe(blobSha);
    expect(await docker('ps', '-a', '--filter', 'name=keeper', '--format', '{{.Names}}')).toBe('keeper');
    const after = diskNow();
    expect(after.ino).toBe(diskBefore.ino);
    expect(after.size).toBe(diskBefore.size);
    expect(after.allocated).toBeGreaterThan(diskBefore.allocated - BLOB_BYTES / 4);
  }, 900_000);

  it('killed while applying more memory, during the boot: the next Berth finds the VM running with it and the data intact', async () => {
    const applying = berth(['apply', JSON.stringify({ ...vm.settings(), memoryMiB: 1280 })]);
    await killWhen(applying, 'the VM to boot with the new settings', () => applying.output().includes('Waiting for the VM to boot'));

    newBerth();
    expect(['starting', 'running']).toContain(vm.status().state);
    await until('the engine in the VM to answer', engineAnswers, 180_000);
    expect(vm.status()).toMatchObject({ state: 'running', memoryMiB: 1280 });
    expect(vm.settings().memoryMiB).toBe(1280);
    expect(await readBlobSha()).toBe(blobSha);
    const after = diskNow();
    expect(after.ino).toBe(diskBefore!.ino);
    expect(after.size).toBe(diskBefore!.size);
    expect(after.allocated).toBeGreaterThan(diskBefore!.allocated - BLOB_BYTES / 4);
  }, 900_000);

  it('stops at the end leaving no QEMU, supervisor, socket or lock, and the docker CLI on the context it had before', async () => {
    await vm.stop().done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(vm.status().state).toBe('stopped');
    for (const pid of vmPids) expect(pidAlive(pid, 'qemu') || pidAlive(pid, 'berth')).toBe(false);
    for (const f of [paths.dockerSocket, paths.qmpSocket, paths.qgaSocket, paths.supervisorQmpSocket, paths.lockFile, paths.stateFile]) {
      expect(existsSync(f)).toBe(false);
    }
    expect(registry.has('vm')).toBe(false);
    expect(currentContext(env)).toBe(USER_CONTEXT);
  }, 300_000);
});
