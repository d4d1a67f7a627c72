// The VM's network for real, under software emulation: host.docker.internal from containers, pulls through a real
// proxy (tinyproxy) on this machine and around it for an excluded host, proxies in containers, the default socket link.
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBusybox, TEST_IMAGE } from '@/test/engine';
import { testDocker, testRegistry } from '@/test/harness';
import { testServices } from '@/test/services';
import { startTestRegistry, type TestRegistry } from '@/test/registry';
import { startTestProxy, type TestProxy } from '@/test/tinyproxy';
import { provideVmImage } from '@/test/vm-image';
import { emptyRunSpec } from '@/lib/run-spec';
import { DEFAULT_NETWORK } from '@/lib/vm-network';
import { createContextInner } from '../context';
import { createCallerFactory } from '../trpc';
import { appRouter } from '../routers/_app';
import { haltVm } from './lifecycle';
import { VmManager } from './manager';
import { vmPaths } from './paths';
import { defaultSettings, saveSettings } from './settings';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const home = mkdtempSync(join(tmpdir(), 'berth-vmnet-'));
const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-vmnet-cfg-'));
// Never /var/run/docker.sock on this machine: the link goes where the test says.
const defaultSocket = join(mkdtempSync(join(tmpdir(), 'berth-vmnet-run-')), 'docker.sock');
const env = { ...process.env, DOCKER_CONFIG: dockerConfig, BERTH_HOME: home, HTTP_PROXY: '', HTTPS_PROXY: '', NO_PROXY: '', http_proxy: '', https_proxy: '', no_proxy: '' };
const paths = vmPaths(home);
const engines = testRegistry();
let vm: VmManager;
let registry: TestRegistry;
let proxy: TestProxy;
let web: Server;
let webPort = 0;
/** The registry as the VM reaches it: through QEMU's user network, never loopback, which Go does not proxy. */
let vmRegistry = '';

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', ['--context', 'berth', ...args], { env, timeout: 180_000 });
  return stdout.trim();
}

/** Berth's own procedures, as an admin, on this test's VM. */
async function caller() {
  return createCallerFactory(appRouter)(await createContextInner({ ...testServices(engines), vm, user: { name: 'admin', role: 'admin' } }));
}

async function applyNetwork(settings: Partial<typeof DEFAULT_NETWORK>) {
  const applied = await (await caller()).vm.network.save({ settings: { ...DEFAULT_NETWORK, ...settings } });
  await vm.wait();
  return applied;
}

beforeAll(async () => {
  await provideVmImage(paths);
  saveSettings(paths, { ...defaultSettings(paths), cpus: 1, memoryMiB: 1024, swapMiB: 0, diskMaxGiB: 8, shares: [] });
  vm = new VmManager({ home, root: ROOT, registry: engines, env, defaultSocket });
  web = createServer((_req, res) => res.end('hello from the host'));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webPort = (web.address() as { port: number }).port;
  registry = await startTestRegistry({ auth: false });
  vmRegistry = registry.host.replace('127.0.0.1', '10.0.2.2');
  proxy = await startTestProxy({ upstreams: { '10.0.2.2': registry.host } });
  // The host's engine pushes (loopback registries are insecure by default); the VM pulls through 10.0.2.2.
  const host = testDocker();
  for (const tag of ['through', 'around']) {
    const ref = `${registry.host}/vmnet/busybox:${tag}`;
    await host.getImage(TEST_IMAGE).tag({ repo: `${registry.host}/vmnet/busybox`, tag });
    const stream = await host.getImage(ref).push({ authconfig: { serveraddress: registry.host } });
    await new Promise((res, rej) => host.modem.followProgress(stream, (err: Error | null) => (err ? rej(err) : res(null))));
  }
}, 900_000);

afterAll(async () => {
  await haltVm(paths, { log: () => undefined, step: () => undefined }, env, true);
  await proxy?.stop();
  await registry?.stop();
  web?.close();
});

describe.sequential('the VM’s network', () => {
  it('resolves host.docker.internal and gateway.docker.internal to this machine on the default bridge and a user network', async () => {
    await vm.start().done;
    expect(vm.status().operation?.error).toBeUndefined();
    await importBusybox(new Docker({ socketPath: paths.dockerSocket }));
    const url = `http://host.docker.internal:${webPort}/`;
    expect(await docker('run', '--rm', TEST_IMAGE, 'wget', '-qO-', url)).toBe('hello from the host');
    expect(await docker('run', '--rm', TEST_IMAGE, 'wget', '-qO-', `http://gateway.docker.internal:${webPort}/`)).toBe('hello from the host');
    await docker('network', 'create', 'vmnet-user');
    expect(await docker('run', '--rm', '--network', 'vmnet-user', TEST_IMAGE, 'wget', '-qO-', url)).toBe('hello from the host');
  }, 600_000);

  it('pulls through the manual proxy: the pull appears in the proxy’s log', async () => {
    // The registry on this machine is plain HTTP: the engine in the VM must call it insecure (Settings → Docker Engine).
    await vm.applyEngineConfig(JSON.stringify({ 'insecure-registries': [vmRegistry] })).done;
    expect(vm.status().operation?.error).toBeUndefined();
    const applied = await applyNetwork({ proxyMode: 'manual', httpProxy: `http://10.0.2.2:${proxy.port}`, httpsProxy: `http://10.0.2.2:${proxy.port}`, noProxy: 'localhost' });
    expect(applied.operation).toBeDefined();
    expect(vm.status().operation).toMatchObject({ kind: 'network' });
    expect(vm.status().operation?.error).toBeUndefined();
    // The engine API spells them HttpProxy and NoProxy.
    const info = JSON.parse(await docker('info', '--format', '{{json .}}')) as { HttpProxy: string; NoProxy: string };
    expect(info.HttpProxy).toBe(`http://10.0.2.2:${proxy.port}`);
    expect(info.NoProxy).toBe('localhost');
    await docker('pull', `${vmRegistry}/vmnet/busybox:through`);
    // The engine asks for the tag with HEAD or GET, depending on its version.
    expect(proxy.log()).toMatch(new RegExp(`(HEAD|GET) http://${vmRegistry.replace(/\./g, '\\.')}/v2/vmnet/busybox/manifests/through `));
  }, 600_000);

  it('gives containers the proxies as default environment, from the CLI and from Berth’s Run', async () => {
    const cli = await docker('run', '--rm', TEST_IMAGE, 'env');
    expect(cli).toContain(`HTTP_PROXY=http://10.0.2.2:${proxy.port}`);
    expect(cli).toContain('no_proxy=localhost');
    expect(await docker('run', '--rm', '-e', 'HTTP_PROXY=http://mine:1', TEST_IMAGE, 'sh', '-c', 'echo $HTTP_PROXY')).toBe('http://mine:1');
    await (await caller()).containers.run({ engine: 'vm', spec: { ...emptyRunSpec(TEST_IMAGE), name: 'vmnet-env', command: ['sleep', '60'] } });
    const inspect = await new Docker({ socketPath: paths.dockerSocket }).getContainer('vmnet-env').inspect();
    expect(inspect.Config.Env).toEqual(expect.arrayContaining([`HTTP_PROXY=http://10.0.2.2:${proxy.port}`, `https_proxy=http://10.0.2.2:${proxy.port}`]));
    await docker('rm', '-f', 'vmnet-env');
  }, 300_000);

  it('pulls an excluded host directly: nothing about it in the proxy’s log', async () => {
    await applyNetwork({ proxyMode: 'manual', httpProxy: `http://10.0.2.2:${proxy.port}`, httpsProxy: `http://10.0.2.2:${proxy.port}`, noProxy: 'localhost, 10.0.2.2' });
    expect(vm.status().operation?.error).toBeUndefined();
    await docker('pull', `${vmRegistry}/vmnet/busybox:around`);
    expect(proxy.log()).not.toContain('manifests/around');
    // A second apply with the same proxies restarts nothing.
    expect((await applyNetwork({ proxyMode: 'manual', httpProxy: `http://10.0.2.2:${proxy.port}`, httpsProxy: `http://10.0.2.2:${proxy.port}`, noProxy: 'localhost,10.0.2.2' })).operation).toBeUndefined();
  }, 600_000);

  it('turns the proxies off, and links the default socket path to the VM’s engine on request', async () => {
    const applied = await applyNetwork({ proxyMode: 'off', defaultSocket: true });
    expect(applied.socket).toMatchObject({ ok: true });
    expect(lstatSync(defaultSocket).isSymbolicLink()).toBe(true);
    expect(readlinkSync(defaultSocket)).toBe(paths.dockerSocket);
    const { stdout } = await run('docker', ['-H', `unix://${defaultSocket}`, 'info', '--format', '{{.Name}}|{{.HTTPProxy}}'], { env, timeout: 60_000 });
    expect(stdout.trim()).toBe('berth-vm|');
    expect(await docker('run', '--rm', TEST_IMAGE, 'sh', '-c', 'echo "[$HTTP_PROXY]"')).toBe('[]');
    await applyNetwork({ proxyMode: 'off', defaultSocket: false });
    expect(existsSync(defaultSocket)).toBe(false);
  }, 600_000);
});
