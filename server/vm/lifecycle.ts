// Booting and stopping QEMU and its supervisor: the steps of `vm start` and `vm stop`.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import type { VmSettings } from '../../lib/vm-settings';
import { BerthError } from '../errors';
import { guardClient } from '../engines/guard';
import { chooseAccel } from './accel';
import { BootClock } from './boot-phases';
import { certFiles, ensureCerts, readCerts } from './certs';
import { restoreContext, switchToBerth, writeContext } from './cli-context';
import { createDisk, diskUsage, GIB, growDisk } from './disk';
import { writeProxyEnvFile } from './network';
import { qemuArgs, sharesTable } from './qemu-args';
import { diskFileOf, type VmPaths } from './paths';
import { freePort, pidAlive, readPid, removeIfExists, sleep, tailLines, waitForExit } from './procs';
import type { StepContext } from './operations';
import { guestAgent, Qmp } from './qmp';
import { clearPorts, clearRunState, readRunState, updateRunState, writeRunState, type RunState } from './state';

export const QEMU_BINARY = 'qemu-system-x86_64';
const ENGINE_DEADLINE_MS = 180_000;

/** The running VM's state when its QEMU process is alive, else null. */
export function liveState(paths: VmPaths): RunState | null {
  const state = readRunState(paths);
  if (!state) return null;
  return pidAlive(state.qemuPid, 'qemu') ? state : null;
}

/** Removes what a VM that is gone may have left: sockets, pid files, the lock, forwards. */
export function cleanupRunFiles(paths: VmPaths): void {
  removeIfExists(paths.dockerSocket, paths.qmpSocket, paths.qgaSocket, paths.supervisorQmpSocket, paths.pidFile, paths.supervisorPidFile, paths.lockFile, paths.sharesFile);
  clearRunState(paths);
  clearPorts(paths);
}

/** Takes the lock that keeps a second VM off the same data disk; a lock left by a dead VM is taken over. */
function takeLock(paths: VmPaths): void {
  mkdirSync(paths.runDir, { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(paths.lockFile, 'wx', 0o600));
    writeFileSync(paths.lockFile, String(process.pid));
    return;
  } catch {
    const state = readRunState(paths);
    if (state && pidAlive(state.qemuPid, 'qemu')) throw new BerthError('CONFLICT', `The VM is already running (QEMU pid ${state.qemuPid}).`);
    const qemuPid = readPid(paths.pidFile);
    if (pidAlive(qemuPid, 'qemu')) throw new BerthError('CONFLICT', `A QEMU process (pid ${qemuPid}) is still using the VM's disk; stop it first.`);
    cleanupRunFiles(paths);
    closeSync(openSync(paths.lockFile, 'wx', 0o600));
    writeFileSync(paths.lockFile, String(process.pid));
  }
}

async function prepareDisk(settings: VmSettings, ctx: StepContext): Promise<string> {
  const file = diskFileOf(settings);
  mkdirSync(dirname(file), { recursive: true });
  const usage = diskUsage(file);
  if (!usage) {
    ctx.step(0.3, `Creating the data disk (${settings.diskMaxGiB} GiB maximum)`);
    await createDisk(file, settings.diskMaxGiB);
  } else if (usage.maxBytes < settings.diskMaxGiB * GIB) {
    ctx.step(0.3, `Growing the data disk to ${settings.diskMaxGiB} GiB`);
    growDisk(file, settings.diskMaxGiB);
  }
  return file;
}

async function waitForEngine(paths: VmPaths, state: RunState, ctx: StepContext, clock: BootClock): Promise<void> {
  const docker = new Docker({ socketPath: paths.dockerSocket, timeout: 3000 });
  const deadline = Date.now() + ENGINE_DEADLINE_MS;
  let seen = false;
  while (Date.now() < deadline) {
    if (ctx.signal?.aborted) throw new BerthError('CONFLICT', 'Starting the VM was cancelled.');
    if (!pidAlive(state.qemuPid, 'qemu')) {
      const why = [...tailLines(paths.qemuLog, 2), ...tailLines(paths.serialLog, 3)].join(' / ');
      throw new BerthError('ENGINE_ERROR', `The VM stopped while booting.${why ? ` Last messages: ${why}` : ''}`);
    }
    const booted = tailLines(paths.serialLog, 1)[0] ?? '';
    if (!seen && booted.includes('starting dockerd')) {
      seen = true;
      ctx.step(0.8, 'Waiting for Docker Engine in the VM');
    }
    clock.poll();
    if (existsSync(paths.dockerSocket)) {
      try {
        await docker.ping();
        clock.engineReady();
        return;
      } catch {
        // Not up yet.
      }
    }
    // Often enough that the console's phase marks are timed to within a tenth of a second.
    await sleep(100);
  }
  throw new BerthError('TIMEOUT', `Docker Engine in the VM did not answer within ${ENGINE_DEADLINE_MS / 1000} s. See the VM's logs.`);
}

export interface StartOptions {
  paths: VmPaths;
  settings: VmSettings;
  /** Directory holding bin/berth.mjs, to start the supervisor. */
  root: string;
  env?: NodeJS.ProcessEnv;
}

/** Starts the VM's supervisor (engine socket, port forwards, exit watch) as a process of its own. */
export function spawnSupervisor(paths: VmPaths, root: string, env: NodeJS.ProcessEnv): void {
  const out = openSync(paths.supervisorLog, 'a', 0o600);
  const sup = spawn(process.execPath, [join(root, 'bin', 'berth.mjs'), 'vm', 'supervise'], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...env, BERTH_HOME: paths.home },
    cwd: root,
  });
  closeSync(out);
  sup.unref();
  if (sup.pid) {
    writeFileSync(paths.supervisorPidFile, String(sup.pid));
    updateRunState(paths, { supervisorPid: sup.pid });
  }
}

/** Boots the VM and returns once its engine answers on the owner-only socket. */
export async function bootVm(opts: StartOptions, ctx: StepContext): Promise<RunState> {
  const { paths, settings } = opts;
  const env = opts.env ?? process.env;
  takeLock(paths);
  try {
    ctx.step(0.2, 'Preparing certificates');
    const certs = await ensureCerts(paths.certsDir);
    const diskFile = await prepareDisk(settings, ctx);
    ctx.step(0.35, 'Choosing the accelerator');
    const accel = await chooseAccel(paths, QEMU_BINARY, env);
    ctx.log(accel.reason);
    const dockerPort = await freePort();
    writeFileSync(paths.sharesFile, sharesTable(settings.shares.filter((s) => existsSync(s))));
    writeProxyEnvFile(paths, env);
    for (const missing of settings.shares.filter((s) => !existsSync(s))) ctx.log(`The shared directory ${missing} does not exist; it is not shared.`);
    const args = qemuArgs({
      accel: accel.accel,
      settings: { ...settings, shares: settings.shares.filter((s) => existsSync(s)) },
      paths,
      certs,
      diskFile,
      dockerPort,
    });
    args.push('-qmp', `unix:${paths.supervisorQmpSocket},server=on,wait=off`);
    removeIfExists(paths.serialLog, paths.dockerdLog, paths.pidFile, paths.qmpSocket, paths.qgaSocket, paths.supervisorQmpSocket);
    ctx.step(0.45, `Booting the VM (${accel.accel === 'kvm' ? 'KVM' : 'software emulation'})`);
    const qemuOut = openSync(paths.qemuLog, 'w', 0o600);
    const clock = new BootClock(paths.serialLog);
    const qemu = spawn(QEMU_BINARY, args, { detached: true, stdio: ['ignore', qemuOut, qemuOut] });
    closeSync(qemuOut);
    qemu.unref();
    const qemuPid = await new Promise<number>((resolve, reject) => {
      qemu.once('error', (err) => reject(new BerthError('ENGINE_ERROR', `QEMU could not start: ${err.message}. Is qemu-system-x86 installed?`)));
      qemu.once('spawn', () => resolve(qemu.pid!));
    });
    const state: RunState = {
      qemuPid,
      dockerPort,
      accel: accel.accel,
      accelReason: accel.reason,
      startedAt: new Date().toISOString(),
      diskFile,
      exposeAll: settings.exposeAllInterfaces,
      cpus: settings.cpus,
      memoryMiB: settings.memoryMiB,
      switchedContext: false,
    };
    writeRunState(paths, state);
    for (let i = 0; i < 500 && !existsSync(paths.supervisorQmpSocket); i++) {
      if (!pidAlive(qemuPid, 'qemu')) break;
      await sleep(10);
    }
    clock.qmpReady();
    if (!pidAlive(qemuPid, 'qemu')) {
      await sleep(100);
      throw new BerthError('ENGINE_ERROR', `QEMU exited at once: ${tailLines(paths.qemuLog, 3).join(' / ') || 'no message'}.`);
    }
    spawnSupervisor(paths, opts.root, env);
    ctx.step(0.55, 'Waiting for the VM to boot');
    await waitForEngine(paths, state, ctx, clock);
    const boot = clock.timing();
    if (boot) {
      updateRunState(paths, { boot });
      ctx.log(`start phases: ${boot.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(2)} s`).join(', ')}; total ${(boot.totalMs / 1000).toFixed(2)} s`);
    }
    writeContext(paths.dockerSocket, env);
    if (settings.switchContext) {
      const previous = switchToBerth(env);
      updateRunState(paths, { switchedContext: true, previousContext: previous });
    }
    ctx.step(1, 'The VM is running');
    return readRunState(paths) ?? state;
  } catch (err) {
    await haltVm(paths, { ...ctx, step: () => undefined }, env, true).catch(() => undefined);
    throw err;
  }
}

/** Stops the VM: guest-agent shutdown, then ACPI power-down, then kill; leaves no process or socket behind. */
export async function haltVm(paths: VmPaths, ctx: StepContext, env: NodeJS.ProcessEnv = process.env, quick = false): Promise<void> {
  const state = readRunState(paths);
  const qemuPid = state?.qemuPid ?? readPid(paths.pidFile);
  if (state) updateRunState(paths, { stopRequested: true });
  if (pidAlive(qemuPid, 'qemu') && qemuPid) {
    let gone = false;
    if (!quick) {
      // A VM Resource Saver paused cannot hear the guest agent or the power button.
      await resumeVm(paths).catch((err: Error) => ctx.log(`The VM could not be resumed: ${err.message}`));
      ctx.step(0.2, 'Asking the guest to shut down');
      try {
        await guestAgent(paths.qgaSocket, 'guest-shutdown', undefined, 5_000, false);
        gone = await waitForExit(qemuPid, 30_000, 'qemu');
      } catch (err) {
        ctx.log(`The guest agent did not take the shutdown request: ${(err as Error).message}`);
      }
      if (!gone) {
        ctx.step(0.6, 'Sending the ACPI power button');
        try {
          const qmp = await Qmp.connect(paths.qmpSocket, 2_000);
          await qmp.execute('system_powerdown');
          qmp.close();
          gone = await waitForExit(qemuPid, 15_000, 'qemu');
        } catch (err) {
          ctx.log(`ACPI power-down failed: ${(err as Error).message}`);
        }
      }
    }
    if (!gone) {
      ctx.step(0.9, 'Stopping QEMU');
      try {
        process.kill(qemuPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await waitForExit(qemuPid, 5_000, 'qemu');
    }
  }
  const supPid = state?.supervisorPid ?? readPid(paths.supervisorPidFile);
  if (pidAlive(supPid, 'berth') && supPid) {
    try {
      process.kill(supPid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await waitForExit(supPid, 3_000, 'berth');
  }
  if (state?.switchedContext) restoreContext(state.previousContext, env);
  cleanupRunFiles(paths);
}

/** Resumes a VM Resource Saver paused; its supervisor sees QEMU's RESUME event and sets the guest clock. */
export async function resumeVm(paths: VmPaths): Promise<void> {
  const qmp = await Qmp.connect(paths.qmpSocket, 2_000);
  try {
    const status = await qmp.execute<{ status?: string }>('query-status');
    if (status.status === 'paused') await qmp.execute('cont');
  } finally {
    qmp.close();
  }
}

/** Runs fstrim in the guest and reports how much smaller the host file became. */
export async function reclaimSpace(paths: VmPaths, diskFile: string): Promise<{ beforeBytes: number; afterBytes: number; trimmedBytes: number }> {
  if (readRunState(paths)?.pausedAt) await resumeVm(paths);
  const before = diskUsage(diskFile)?.allocatedBytes ?? 0;
  const result = await guestAgent<{ paths?: Array<{ path: string; trimmed?: number; error?: string }> }>(paths.qgaSocket, 'guest-fstrim', undefined, 300_000);
  const data = result.paths?.find((p) => p.path === '/mnt/data');
  if (data?.error) throw new BerthError('ENGINE_ERROR', `Trimming the data disk failed in the VM: ${data.error}`);
  await sleep(300);
  const after = diskUsage(diskFile)?.allocatedBytes ?? 0;
  return { beforeBytes: before, afterBytes: after, trimmedBytes: data?.trimmed ?? 0 };
}

export function tlsDockerClient(paths: VmPaths, port: number): Docker {
  return guardClient(new Docker({ host: '127.0.0.1', port, protocol: 'https', ...readCerts(certFiles(paths.certsDir)) }), 'the VM');
}
