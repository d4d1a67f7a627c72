// Resource Saver and the start phases for real, under software emulation: one boot, an idle timeout of seconds, the
// VM paused (QEMU says so), Berth's own health check answered without waking it, then the docker CLI wakes it.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideVmImage } from '@/test/vm-image';
import { BERTH_CLIENT_HEADER } from './engine-proxy';
import { haltVm } from './lifecycle';
import { VmManager } from './manager';
import { vmPaths } from './paths';
import { sleep } from './procs';
import { guestAgent, Qmp } from './qmp';
import { defaultSettings, saveSettings } from './settings';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const home = mkdtempSync(join(tmpdir(), 'berth-saver-'));
const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-saver-cfg-'));
const IDLE_SECONDS = 4;
const env = { ...process.env, DOCKER_CONFIG: dockerConfig, BERTH_HOME: home, BERTH_RESOURCE_SAVER_SECONDS: String(IDLE_SECONDS) };
const paths = vmPaths(home);
let vm: VmManager;

async function qemuStatus(): Promise<string> {
  const qmp = await Qmp.connect(paths.qmpSocket);
  try {
    return (await qmp.execute<{ status: string }>('query-status')).status;
  } finally {
    qmp.close();
  }
}

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve(fn()).catch(() => undefined);
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function guestClockOffsetMs(): Promise<number> {
  const ns = await guestAgent<number>(paths.qgaSocket, 'guest-get-time');
  return ns / 1e6 - Date.now();
}

beforeAll(async () => {
  await provideVmImage(paths);
  saveSettings(paths, { ...defaultSettings(paths), cpus: 1, memoryMiB: 1024, swapMiB: 0, diskMaxGiB: 8, shares: [] });
  vm = new VmManager({ home, root: ROOT, env });
}, 900_000);

afterAll(async () => {
  await haltVm(paths, { log: () => undefined, step: () => undefined }, env, true);
});

describe.sequential('Resource Saver', () => {
  it('starts and reports every phase of the start', async () => {
    await vm.start().done;
    const status = vm.status();
    expect(status.operation?.error).toBeUndefined();
    expect(status.state).toBe('running');
    expect(status.resourceSaver).toMatchObject({ enabled: true, paused: false });
    const phases = status.boot?.phases ?? [];
    expect(phases.map((p) => p.name)).toEqual(['qemu', 'firmware', 'kernel', 'initramfs', 'boot', 'dockerd']);
    for (const p of phases) expect(p.ms, p.name).toBeGreaterThan(0);
    expect(status.boot?.totalMs).toBeGreaterThan(0);
    console.log(`start phases: ${phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(2)} s`).join(', ')}; total ${((status.boot?.totalMs ?? 0) / 1000).toFixed(2)} s`);
  }, 900_000);

  it('pauses the VM when nothing runs and nobody calls, and answers Berth’s health check without waking it', async () => {
    expect(await until('the VM to be paused', async () => ((await qemuStatus()) === 'paused' ? true : undefined))).toBe(true);
    expect(vm.status().resourceSaver.paused).toBe(true);
    expect(vm.status().state).toBe('running');
    const berth = new Docker({ socketPath: paths.dockerSocket, headers: { [BERTH_CLIENT_HEADER]: 'berth' } } as Docker.DockerOptions);
    const info = (await berth.info()) as { ContainersRunning: number };
    expect(info.ContainersRunning).toBe(0);
    expect((await berth.version()).ApiVersion).toBeTruthy();
    expect(await qemuStatus()).toBe('paused');
  }, 180_000);

  it('wakes for the next docker CLI call, which succeeds, and sets the guest clock right', async () => {
    // Long enough that a clock left alone would be visibly behind.
    await sleep(4_000);
    expect(await qemuStatus()).toBe('paused');
    const t0 = performance.now();
    const { stdout } = await run('docker', ['--context', 'berth', 'ps', '--format', '{{.ID}}'], { env, timeout: 60_000 });
    const wakeMs = performance.now() - t0;
    expect(stdout.trim()).toBe('');
    expect(await qemuStatus()).toBe('running');
    expect(vm.status().resourceSaver.paused).toBe(false);
    expect(Math.abs(await guestClockOffsetMs())).toBeLessThan(2_000);
    console.log(`docker --context berth ps woke the VM and answered in ${Math.round(wakeMs)} ms`);
  }, 120_000);

  it('stops a paused VM cleanly', async () => {
    expect(await until('the VM to be paused again', async () => ((await qemuStatus()) === 'paused' ? true : undefined))).toBe(true);
    await vm.stop().done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(vm.status().state).toBe('stopped');
    // The guest powered itself off through the agent's shutdown, not a kill after timeouts.
    expect(vm.logs('console').text).toContain('reboot: Power down');
  }, 180_000);
});
