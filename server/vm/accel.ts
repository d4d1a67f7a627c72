// Chooses QEMU's accelerator: KVM when a test boot finishes in time, software emulation (TCG) otherwise.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { probeArgs, type Accel } from './qemu-args';
import type { VmPaths } from './paths';

export interface AccelChoice {
  accel: Accel;
  reason: string;
}

const PROBE_DEADLINE_MS = 8_000;

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

/** Boots the VM's kernel under KVM into an initramfs that powers off at once; a hang means KVM is unusable. */
function probeKvm(paths: VmPaths, qemu: string): Promise<AccelChoice> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(qemu, probeArgs(paths), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ accel: 'tcg', reason: `KVM is present, but a test boot under it did not finish in ${PROBE_DEADLINE_MS / 1000} s: using software emulation (TCG), which is slower.` });
    }, PROBE_DEADLINE_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ accel: 'tcg', reason: `KVM could not be tried (${err.message}): using software emulation (TCG).` });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ accel: 'kvm', reason: `KVM works (test boot in ${((Date.now() - started) / 1000).toFixed(1)} s).` });
      else {
        const detail = (stderr.trim().split('\n').pop() ?? '').replace(/^qemu-system-\w+: /, '').slice(0, 160);
        resolve({ accel: 'tcg', reason: `KVM is present but failed a test boot${detail ? ` (${detail})` : ` (exit ${code})`}: using software emulation (TCG), which is slower.` });
      }
    });
  });
}

/** The accelerator to use, probed once per host boot and kernel (BERTH_VM_ACCEL=kvm|tcg overrides it). */
export async function chooseAccel(paths: VmPaths, qemu: string, env: NodeJS.ProcessEnv = process.env): Promise<AccelChoice> {
  const forced = env.BERTH_VM_ACCEL;
  if (forced === 'tcg' || forced === 'kvm') return { accel: forced, reason: `BERTH_VM_ACCEL=${forced} is set.` };
  if (!existsSync('/dev/kvm')) return { accel: 'tcg', reason: 'This machine has no /dev/kvm (no hardware virtualization): using software emulation (TCG), which is slower.' };
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return { accel: 'tcg', reason: 'Berth may not open /dev/kvm (add the user to the "kvm" group): using software emulation (TCG), which is slower.' };
  }
  const key = `${bootId()} ${existsSync(paths.kernel) ? readFileSync(paths.imageStamp, 'utf8').length : 0}`;
  try {
    const cached = JSON.parse(readFileSync(paths.accelCache, 'utf8')) as AccelChoice & { key: string };
    if (cached.key === key) return { accel: cached.accel, reason: cached.reason };
  } catch {
    // No probe yet on this boot.
  }
  const choice = await probeKvm(paths, qemu);
  writeFileSync(paths.accelCache, JSON.stringify({ ...choice, key }));
  return choice;
}
