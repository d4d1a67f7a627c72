// Settings → Docker Engine for real, under software emulation: daemon.json applied by restarting dockerd alone, a bad
// file refused before anything restarts, a file dockerd will not start with put back, and a pull through a mirror.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBusybox, TEST_IMAGE } from '@/test/engine';
import { startTestRegistry, type TestRegistry } from '@/test/registry';
import { provideVmImage } from '@/test/vm-image';
import { guestShell } from './guest-exec';
import { GUEST_DAEMON_JSON } from './guest-files';
import { haltVm } from './lifecycle';
import { VmManager } from './manager';
import { vmPaths } from './paths';
import { defaultSettings, saveSettings } from './settings';
import { readRunState } from './state';

const ROOT = resolve(__dirname, '..', '..');
const home = mkdtempSync(join(tmpdir(), 'berth-vm-engine-'));
const env = { ...process.env, DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'berth-dockercfg-')), BERTH_HOME: home };
const paths = vmPaths(home);
let vm: VmManager;
let mirror: TestRegistry;
let docker: Docker;
/** The registry on this machine's loopback, as the VM reaches it (QEMU's user network maps 10.0.2.2 to it). */
let inVm: string;

interface Info {
  Debug: boolean;
  Labels: string[];
  RegistryConfig: { Mirrors: string[]; IndexConfigs: Record<string, { Secure: boolean }> };
}

async function dockerdPid(): Promise<string> {
  return (await guestShell(paths.qgaSocket, 'cat /run/docker.pid')).stdout.trim();
}

async function applied(text: string): Promise<{ error?: string; result?: string }> {
  await vm.applyEngineConfig(text).done;
  const op = vm.status().operation!;
  expect(op.kind).toBe('engine');
  return { error: op.error, result: op.result };
}

beforeAll(async () => {
  await provideVmImage(paths);
  saveSettings(paths, { ...defaultSettings(paths), cpus: 2, memoryMiB: 1024, swapMiB: 0, diskMaxGiB: 8, shares: [] });
  vm = new VmManager({ home, root: ROOT, env });
  mirror = await startTestRegistry({ auth: false });
  inVm = mirror.host.replace('127.0.0.1', '10.0.2.2');
  await vm.start().done;
  expect(vm.status().operation?.error).toBeUndefined();
  docker = new Docker({ socketPath: paths.dockerSocket });
  await importBusybox(docker);
}, 900_000);

afterAll(async () => {
  await haltVm(paths, { log: () => undefined, step: () => undefined }, env, true);
  await mirror?.stop();
});

describe.sequential("the VM's daemon.json", () => {
  it('starts with {} on the data disk, read through the guest agent', async () => {
    const view = await vm.engineConfig();
    expect(view).toEqual({ text: '{}\n', source: 'vm', path: GUEST_DAEMON_JSON });
  });

  it('applies a good change by restarting dockerd alone; a container with a restart policy comes back', async () => {
    const qemuPid = readRunState(paths)!.qemuPid;
    const keeper = await docker.createContainer({ name: 'keeper', Image: TEST_IMAGE, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'], HostConfig: { RestartPolicy: { Name: 'always' } } });
    await keeper.start();
    const before = await dockerdPid();
    const text = JSON.stringify({ debug: true, labels: ['berth.test=engine-config'], 'insecure-registries': [inVm], 'registry-mirrors': [`http://${inVm}`] }, null, 2);
    const t0 = Date.now();
    const outcome = await applied(text);
    console.log(`apply & restart with a good daemon.json: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(outcome).toEqual({ error: undefined, result: 'Applied; Docker Engine restarted with the new daemon.json.' });
    expect(await dockerdPid()).not.toBe(before);
    expect(readRunState(paths)!.qemuPid).toBe(qemuPid);
    const info = (await docker.info()) as Info;
    expect(info.Debug).toBe(true);
    expect(info.Labels).toContain('berth.test=engine-config');
    expect(info.RegistryConfig.Mirrors).toEqual([`http://${inVm}/`]);
    expect(info.RegistryConfig.IndexConfigs[inVm]?.Secure).toBe(false);
    const state = (await keeper.inspect()).State;
    expect(state.Running).toBe(true);
    expect((await vm.engineConfig()).text).toBe(`${text}\n`);
  }, 300_000);

  it('pushes to the registry on this machine as an insecure registry, and pulls through it as a mirror', async () => {
    const image = docker.getImage(TEST_IMAGE);
    await image.tag({ repo: `${inVm}/library/busybox`, tag: 'berth-mirror' });
    // dockerd 20.10 refuses a push without X-Registry-Auth, even to a registry without accounts.
    const push = await docker.getImage(`${inVm}/library/busybox:berth-mirror`).push({ authconfig: {} });
    await new Promise((res, rej) => docker.modem.followProgress(push, (err) => (err ? rej(err) : res(undefined))));
    await docker.getImage(`${inVm}/library/busybox:berth-mirror`).remove();
    // docker.io/library/busybox:berth-mirror exists nowhere but on the mirror: only the mirror can answer this pull.
    const pull = await docker.pull('busybox:berth-mirror');
    const events: Array<{ status?: string; error?: string }> = await new Promise((res, rej) => docker.modem.followProgress(pull, (err, out) => (err ? rej(err) : res(out))));
    expect(events.find((e) => e.error)).toBeUndefined();
    expect(((await docker.getImage('busybox:berth-mirror').inspect()) as { RepoTags: string[] }).RepoTags).toContain('busybox:berth-mirror');
  }, 300_000);

  it('refuses a bad file before anything restarts', async () => {
    const before = await dockerdPid();
    expect(() => vm.applyEngineConfig('{\n  "hosts": ["tcp://0.0.0.0:2375"],\n  "debug": "yes"\n}')).toThrow(/daemon.json was not applied: "hosts" is managed by Berth\..*\(and 1 more problem\)/);
    expect(() => vm.applyEngineConfig('{"registry-mirrors": ["mirror.example.com"]}')).toThrow(/has no scheme/);
    expect(() => vm.applyEngineConfig('{"debug": true,}')).toThrow(/Line 1, column 16/);
    expect(await dockerdPid()).toBe(before);
    expect((await vm.engineConfig()).text).toContain('berth.test=engine-config');
  }, 60_000);

  it("puts the previous file back when dockerd will not start, and shows dockerd's own error", async () => {
    const t0 = Date.now();
    const outcome = await applied('{ "storage-driver": "btrfs" }');
    console.log(`apply & restart with a daemon.json dockerd refuses, then restore: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(outcome.error).toMatch(/^Docker Engine did not start with the new daemon.json, so Berth put the previous one back and started it again\. dockerd said: .*prerequisites for driver not satisfied/);
    expect((await vm.engineConfig()).text).toContain('berth.test=engine-config');
    const info = (await docker.info()) as Info;
    expect(info.Debug).toBe(true);
    expect((await guestShell(paths.qgaSocket, `ls ${GUEST_DAEMON_JSON}.previous`)).exitCode).not.toBe(0);
  }, 400_000);

  it('keeps daemon.json on the data disk across a VM restart', async () => {
    await vm.restart().done;
    expect(vm.status().operation?.error).toBeUndefined();
    expect(((await docker.info()) as Info).Labels).toContain('berth.test=engine-config');
  }, 600_000);
});
