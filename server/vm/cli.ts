// `berth vm start|stop|restart|status|build|logs`: the VM from a terminal, with a progress bar.
import { formatBinaryBytes } from '../../lib/binary-units';
import { VmManager, type VmLogKind } from './manager';
import type { VmOperation } from './operations';
import { runSupervisor } from './supervisor';

function bar(op: VmOperation): string {
  const width = 28;
  const filled = Math.round(op.progress * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(op.progress * 100)).padStart(3)}% ${op.step}`;
}

async function follow(vm: VmManager, started: { done: Promise<void> }, verbose: boolean): Promise<void> {
  const tty = process.stdout.isTTY;
  let printed = 0;
  let lastLine = '';
  const timer = setInterval(() => {
    const op = vm.status().operation;
    if (!op) return;
    if (verbose) for (; printed < op.log.length; printed++) console.log(`  ${op.log[printed]}`);
    const line = bar(op);
    if (line === lastLine) return;
    lastLine = line;
    if (tty) process.stdout.write(`\r\x1b[2K${line}`);
    else console.log(line);
  }, 200);
  await started.done;
  clearInterval(timer);
  const op = vm.status().operation;
  if (tty) process.stdout.write('\r\x1b[2K');
  if (op?.error) throw new Error(op.error);
  if (op) console.log(bar(op));
  if (op?.result) console.log(op.result);
}

export async function vmCommand(args: string[], home: string, root: string): Promise<void> {
  const [sub = 'status', ...rest] = args;
  if (sub === 'supervise') return runSupervisor(home);
  const vm = new VmManager({ home, root });
  const verbose = rest.includes('--verbose') || rest.includes('-v');
  switch (sub) {
    case 'start':
      await follow(vm, vm.start(), verbose);
      console.log(`berth: the VM's engine is at unix://${vm.paths.dockerSocket}; use it with "docker --context berth …".`);
      return;
    case 'stop':
      return follow(vm, vm.stop(), verbose);
    case 'restart':
      return follow(vm, vm.restart(), verbose);
    case 'build':
      return follow(vm, vm.build(), verbose);
    case 'status': {
      // A VM whose supervisor died is seen to here too, as Berth's own health step would.
      vm.reconcile();
      const s = vm.status();
      const lines = [
        `state:      ${s.state}${s.message ? ` — ${s.message}` : ''}`,
        `image:      ${s.image.stamp ? `Debian ${s.image.stamp.suite}, kernel ${s.image.stamp.kernel}, built ${s.image.stamp.builtAt}${s.image.current ? '' : ' (outdated: the next start rebuilds it)'}` : 'not built yet ("berth vm build")'}`,
        `resources:  ${s.settings.cpus} CPUs, ${s.settings.memoryMiB} MiB memory, ${s.settings.swapMiB} MiB swap`,
        `disk:       ${s.disk ? `${s.disk.file}: ${formatBinaryBytes(s.disk.allocatedBytes)} used on this machine of ${formatBinaryBytes(s.disk.maxBytes)} maximum` : `${s.settings.diskDir} (created at first start)`}`,
      ];
      if (s.accel) lines.push(`accel:      ${s.accel} — ${s.accelReason}`);
      if (s.state === 'running') lines.push(`engine:     unix://${s.socket} (docker context "${s.context.name}"${s.context.current ? ', current' : ''})`);
      for (const p of s.ports) lines.push(`port:       ${p.hostIp}:${p.hostPort}/${p.proto} → ${p.containerName}${p.error ? ` — ${p.error}` : ''}`);
      console.log(lines.join('\n'));
      return;
    }
    case 'logs': {
      const kind = (rest.find((a) => !a.startsWith('-')) ?? 'console') as VmLogKind;
      if (!['console', 'dockerd', 'qemu', 'supervisor'].includes(kind)) throw new Error(`Unknown log "${kind}": choose console, dockerd, qemu or supervisor.`);
      const log = vm.logs(kind);
      process.stdout.write(log.exists ? log.text : `No ${kind} log yet: the VM has not run.\n`);
      return;
    }
    default:
      throw new Error(`Unknown command "vm ${sub}". Use: berth vm start|stop|restart|status|build|logs [console|dockerd|qemu|supervisor].`);
  }
}
