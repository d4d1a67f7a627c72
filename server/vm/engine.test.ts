// The VM's engine without a real VM: stand-in QEMU and supervisor processes, and the state files they leave.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testRegistry } from '@/test/harness';
import { VmManager } from './manager';
import { vmPaths } from './paths';
import { pidAlive, sleep } from './procs';
import { readRunState, writeRunState } from './state';

const home = mkdtempSync(join(tmpdir(), 'berth-vm-engine-'));
const paths = vmPaths(home);
const env = { ...process.env, DOCKER_CONFIG: home };
/** A Berth root whose supervisor only serves the engine socket, as the real one does once it runs. */
const root = mkdtempSync(join(tmpdir(), 'berth-root-'));
mkdirSync(join(root, 'bin'));
writeFileSync(
  join(root, 'bin', 'berth.mjs'),
  "import { createServer } from 'node:net';\ncreateServer((c) => c.destroy()).listen(`${process.env.BERTH_HOME}/run/docker.sock`);\n",
);

const started: ChildProcess[] = [];
/** A process whose command line says "qemu", standing in for the VM. */
function fakeQemu(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)', 'qemu-system-x86_64'], { stdio: 'ignore' });
  started.push(child);
  return child;
}

async function until<T>(what: string, fn: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

afterAll(() => {
  const supervisor = readRunState(paths)?.supervisorPid;
  if (supervisor && pidAlive(supervisor, 'berth')) process.kill(supervisor, 'SIGKILL');
  for (const c of started) c.kill('SIGKILL');
});

describe("the VM's engine", () => {
  it('is left alone by a status read, and its health step gives a VM without supervisor a new one and offers the engine "vm"', async () => {
    const qemu = fakeQemu();
    mkdirSync(paths.runDir, { recursive: true });
    writeRunState(paths, {
      qemuPid: qemu.pid!,
      dockerPort: 1,
      accel: 'tcg',
      accelReason: 'test',
      startedAt: new Date().toISOString(),
      diskFile: join(home, 'Docker.raw'),
      exposeAll: false,
      cpus: 1,
      memoryMiB: 512,
      switchedContext: false,
    });

    const cli = new VmManager({ home, root, env });
    expect(cli.status().state).toBe('starting');
    expect(readRunState(paths)?.supervisorPid).toBeUndefined();

    const registry = testRegistry();
    const berth = new VmManager({ home, root, registry, env });
    const supervisor = await until('a supervisor', () => readRunState(paths)?.supervisorPid);
    expect(pidAlive(supervisor, 'berth')).toBe(true);
    await until('the engine "vm"', () => registry.has('vm'));
    expect((await registry.list()).find((e) => e.name === 'vm')).toMatchObject({ kind: 'vm', host: `unix://${paths.dockerSocket}` });
    expect(berth.status().state).toBe('running');

    qemu.kill('SIGKILL');
    await until('the engine "vm" to go', () => !registry.has('vm'));
    expect(berth.status().state).not.toBe('running');
    berth.detach();
  }, 60_000);
});
