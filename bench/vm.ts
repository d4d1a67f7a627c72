// Benchmark (`npm run bench vm`): the VM's cold start, `docker run` in it vs the host engine, reads through the
// shared directory vs the host disk, how much of 1 GB deleted in the VM the host gets back by "Reclaim space", the
// wake from Resource Saver, and a pull from a registry on this machine through a proxy (tinyproxy) vs direct.
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { haltVm } from '../server/vm/lifecycle';
import { VmManager } from '../server/vm/manager';
import { vmPaths } from '../server/vm/paths';
import { readRunState } from '../server/vm/state';
import { defaultSettings, saveSettings } from '../server/vm/settings';
import { importBusybox, TEST_IMAGE } from '../test/engine';
import { buildLayeredImage } from '../test/layered-image';
import { startTestRegistry } from '../test/registry';
import { startTestProxy } from '../test/tinyproxy';
import { DEFAULT_NETWORK } from '../lib/vm-network';
import { provideVmImage } from '../test/vm-image';
import type { BenchContext } from './context';
import { dockerCli, fmt, median } from './util';

const exec = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function timeCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  await exec(cmd, args, { env, timeout: 120_000 });
  return performance.now() - t0;
}

async function waitPaused(paths: ReturnType<typeof vmPaths>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!readRunState(paths)?.pausedAt) {
    if (Date.now() > deadline) throw new Error('Resource Saver did not pause the VM');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function readAll(file: string): Promise<number> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', () => undefined)
      .on('end', () => res(performance.now() - t0))
      .on('error', rej);
  });
}

const PROXY_LAYERS = 3;
const PROXY_BYTES_PER_LAYER = 16_000_000;

/**
 * The same image pulled in the VM from a registry on this machine, alternately through tinyproxy and around it. The
 * VM reaches this machine as 10.0.2.2 (proxied) and as host.docker.internal (excluded from the proxy), so one
 * dockerd serves both sides without restarting between runs.
 */
async function benchProxyPull(ctx: BenchContext, vm: VmManager, env: NodeJS.ProcessEnv): Promise<[string, string][]> {
  const registry = await startTestRegistry({ auth: false });
  const proxy = await startTestProxy({ upstreams: { '10.0.2.2': registry.host } });
  try {
    const port = registry.host.split(':')[1];
    const proxied = `10.0.2.2:${port}/bench/proxy:v1`;
    const direct = `host.docker.internal:${port}/bench/proxy:v1`;
    const source = `${registry.host}/bench/proxy:v1`;
    await buildLayeredImage(ctx.engine.api, source, { layers: PROXY_LAYERS, bytesPerLayer: PROXY_BYTES_PER_LAYER });
    await dockerCli(ctx, ['push', source]);
    await ctx.engine.api.getImage(source).remove({ force: true });
    await vm.applyEngineConfig(JSON.stringify({ 'insecure-registries': [`10.0.2.2:${port}`, `host.docker.internal:${port}`] })).done;
    const proxyUrl = `http://10.0.2.2:${proxy.port}`;
    vm.network.apply({ ...DEFAULT_NETWORK, proxyMode: 'manual', httpProxy: proxyUrl, httpsProxy: proxyUrl, noProxy: 'localhost,host.docker.internal' });
    await vm.wait();
    const through: number[] = [];
    const around: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const side of i % 2 ? (['around', 'through'] as const) : (['through', 'around'] as const)) {
        const ref = side === 'through' ? proxied : direct;
        await exec('docker', ['--context', 'berth', 'image', 'rm', '-f', proxied, direct], { env }).catch(() => undefined);
        (side === 'through' ? through : around).push(await timeCommand('docker', ['--context', 'berth', 'pull', '-q', ref], env));
      }
    }
    const logged = proxy.log().split('\n').filter((l) => l.includes('/v2/bench/proxy/blobs/')).length;
    if (!logged) throw new Error('The pulls meant to go through the proxy are not in its log.');
    const each = (v: number[]) => v.map(fmt).join(', ');
    return [
      [`pull ${PROXY_LAYERS} layers, ${(PROXY_LAYERS * PROXY_BYTES_PER_LAYER) / 1e6} MB, direct, each run`, each(around)],
      ['  the same through the proxy (tinyproxy on this machine), each run', each(through)],
      ['  ratio proxy / direct, medians', `${(median(through) / median(around)).toFixed(2)}× (best ${fmt(Math.min(...through))} / ${fmt(Math.min(...around))}, worst ${fmt(Math.max(...through))} / ${fmt(Math.max(...around))})`],
    ];
  } finally {
    await proxy.stop();
    await registry.stop();
  }
}

export async function benchVm(ctx: BenchContext): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'berth-bench-vm-'));
  const shared = mkdtempSync(join(tmpdir(), 'berth-bench-share-'));
  // Resource Saver pauses the VM after this many idle seconds, so the benchmark can time the wake of a CLI call.
  const env = { ...process.env, DOCKER_CONFIG: join(home, 'docker-config'), BERTH_RESOURCE_SAVER_SECONDS: '20' };
  const paths = vmPaths(home);
  try {
    await provideVmImage(paths);
    saveSettings(paths, { ...defaultSettings(paths), memoryMiB: 2048, swapMiB: 0, diskMaxGiB: 16, shares: [shared] });
    const vm = new VmManager({ home, root, env });

    const t0 = performance.now();
    await vm.start().done;
    const coldStart = performance.now() - t0;
    if (vm.status().operation?.error) throw new Error(vm.status().operation!.error!);
    const firstPhases = vm.status().boot?.phases ?? [];
    // Every later start finds its networks on the data disk, and dockerd re-creates the default bridge's rules.
    await vm.stop().done;
    const t1 = performance.now();
    await vm.start().done;
    const laterStart = performance.now() - t1;
    const status = vm.status();
    if (status.operation?.error) throw new Error(status.operation.error);
    const vmApi = new Docker({ socketPath: paths.dockerSocket });
    await importBusybox(vmApi);

    const vmRun = ['--context', 'berth', 'run', '--rm', TEST_IMAGE, 'true'];
    const hostRun = ['-H', `unix://${ctx.engine.socket}`, 'run', '--rm', TEST_IMAGE, 'true'];
    const vmTimes: number[] = [];
    const hostTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      hostTimes.push(await timeCommand('docker', hostRun, env));
      vmTimes.push(await timeCommand('docker', vmRun, env));
    }

    const size = 256 * 1024 * 1024;
    const file = join(shared, 'blob');
    writeFileSync(file, randomBytes(size));
    await readAll(file);
    const hostRead = median([await readAll(file), await readAll(file), await readAll(file)]);
    // The guest's uptime clock (10 ms steps) around the read, so container start-up is not counted.
    const script = 'a=$(cut -d" " -f1 /proc/uptime); cat /share/blob > /dev/null; b=$(cut -d" " -f1 /proc/uptime); echo "$a $b"';
    const shareReads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { stdout } = await exec('docker', ['--context', 'berth', 'run', '--rm', '-v', `${shared}:/share`, TEST_IMAGE, 'sh', '-c', script], { env, timeout: 300_000 });
      const [a, b] = stdout.trim().split(' ').map(Number);
      shareReads.push(((b ?? 0) - (a ?? 0)) * 1000);
    }
    const shareRead = median(shareReads);
    const mbps = (ms: number) => `${((size / 1048576) / (ms / 1000)).toFixed(0)} MiB/s`;

    const disk = readRunState(paths)!.diskFile;
    const allocated = () => statSync(disk).blocks * 512;
    const before = allocated();
    await exec('docker', ['--context', 'berth', 'run', '--rm', '-v', 'bulk:/data', TEST_IMAGE, 'sh', '-c', 'head -c 1073741824 /dev/urandom > /data/blob && sync'], { env, timeout: 900_000 });
    const written = allocated();
    await exec('docker', ['--context', 'berth', 'run', '--rm', '-v', 'bulk:/data', TEST_IMAGE, 'sh', '-c', 'rm /data/blob && sync'], { env, timeout: 300_000 });
    await vm.reclaim().done;
    const reclaimed = allocated();
    const freed = (written - reclaimed) / Math.max(1, written - before);

    // Resource Saver: an awake `docker ps`, then the same call once the VM is paused, which wakes it.
    const ps = ['--context', 'berth', 'ps', '-q'];
    const awakePs = median([await timeCommand('docker', ps, env), await timeCommand('docker', ps, env), await timeCommand('docker', ps, env)]);
    const wakes: number[] = [];
    for (let i = 0; i < 3; i++) {
      await waitPaused(paths, 120_000);
      wakes.push(await timeCommand('docker', ps, env));
    }

    const proxyRows = await benchProxyPull(ctx, vm, env);

    ctx.report(`VM (${status.accel === 'kvm' ? 'KVM' : 'TCG, software emulation'}; ${status.settings.cpus} CPU, 2 GiB)`, [
      ['first start (new data disk) to engine ready', `${fmt(coldStart)} (target under TCG ≤ 10 s, with KVM ≤ 3 s)`],
      ...firstPhases.map((p): [string, string] => [`  ${p.label}`, fmt(p.ms)]),
      ['later start (same data disk) to engine ready', fmt(laterStart)],
      ...(status.boot?.phases ?? []).map((p): [string, string] => [`  ${p.label}`, fmt(p.ms)]),
      ['docker run --rm busybox true, host engine', `${fmt(median(hostTimes))} median of 5`],
      ['docker run --rm busybox true, VM', `${fmt(median(vmTimes))} median of 5`],
      ['  ratio VM / host', `${(median(vmTimes) / median(hostTimes)).toFixed(2)}×`],
      ['read 256 MiB, host disk (page cache)', `${fmt(hostRead)} = ${mbps(hostRead)}`],
      ['read 256 MiB through the share (9p)', `${fmt(shareRead)} = ${mbps(shareRead)}`],
      ['  ratio share / host', `${(shareRead / hostRead).toFixed(1)}× slower`],
      ['docker ps, VM awake', `${fmt(awakePs)} median of 3`],
      ['docker ps waking the VM from Resource Saver', `${fmt(median(wakes))} median of 3 (best ${fmt(Math.min(...wakes))}, worst ${fmt(Math.max(...wakes))})`],
      ['host bytes freed by reclaim after deleting 1 GiB', `${((written - reclaimed) / 1048576).toFixed(0)} MiB of ${((written - before) / 1048576).toFixed(0)} MiB = ${(freed * 100).toFixed(1)}% (target ≥ 90%)`],
      ...proxyRows,
    ]);
  } finally {
    await haltVm(paths, { log: () => undefined, step: () => undefined }, env, true);
    rmSync(home, { recursive: true, force: true });
    rmSync(shared, { recursive: true, force: true });
  }
}
