// Assembles QEMU's command line for the VM from its settings and file layout.
import type { VmSettings } from '../../lib/vm-settings';
import type { VmCerts } from './certs';
import { GUEST_DOCKER_PORT, type VmPaths } from './paths';
import { firmwareArgs } from './firmware';

export type Accel = 'kvm' | 'tcg';

export interface QemuPlan {
  accel: Accel;
  settings: VmSettings;
  paths: VmPaths;
  certs: VmCerts;
  diskFile: string;
  /** Host loopback port forwarded to dockerd's TLS port in the guest. */
  dockerPort: number;
}

/**
 * no_timer_check, random.trust_cpu and cryptomgr.notests skip waits and self-tests that cost seconds under TCG.
 * pci=noacpi leaves interrupt routing to MSI-X, which every virtio device has: routing each device through the ACPI
 * tables' bytecode cost about 0.13 s per device under TCG.
 */
export const KERNEL_CMDLINE = 'console=ttyS0 root=/dev/vda ro quiet loglevel=4 panic=-1 8250.nr_uarts=1 tsc=reliable no_timer_check random.trust_cpu=on cryptomgr.notests pci=noacpi';

/** The 9p tag of the n-th shared directory. */
export function shareTag(index: number): string {
  return `share${index}`;
}

/** The shared-directory list the guest reads from paths.sharesFile: one "tag<TAB>path" per line. */
export function sharesTable(shares: string[]): string {
  return shares.map((path, i) => `${shareTag(i)}\t${path}\n`).join('');
}

/** Commas in QEMU option values are escaped by doubling them. */
export function qemuValue(value: string): string {
  return value.replace(/,/g, ',,');
}

export function qemuArgs(plan: QemuPlan): string[] {
  const { settings, paths, certs } = plan;
  const v = qemuValue;
  const args = [
    '-name', 'berth-vm',
    '-nodefaults', '-no-user-config', '-no-reboot',
    '-display', 'none',
    '-machine', 'pc',
    '-accel', plan.accel === 'kvm' ? 'kvm' : 'tcg,thread=multi',
    '-cpu', plan.accel === 'kvm' ? 'host' : 'max',
    '-smp', String(settings.cpus),
    '-m', `${settings.memoryMiB}M`,
    ...firmwareArgs(),
    '-kernel', paths.kernel,
    '-initrd', paths.initrd,
    '-append', KERNEL_CMDLINE,
    '-chardev', `file,id=console,path=${v(paths.serialLog)}`,
    '-serial', 'chardev:console',
    '-drive', `if=none,id=root,file=${v(paths.rootImage)},format=raw,readonly=on`,
    '-device', 'virtio-blk-pci,drive=root,addr=0x5',
    '-drive', `if=none,id=data,file=${v(plan.diskFile)},format=raw,discard=unmap,detect-zeroes=unmap,cache=writeback`,
    '-device', 'virtio-blk-pci,drive=data,addr=0x6',
    '-netdev', `user,id=net0,hostfwd=tcp:127.0.0.1:${plan.dockerPort}-:${GUEST_DOCKER_PORT}`,
    // No option ROM: the VM never boots from the network, and loading iPXE costs the firmware time.
    '-device', 'virtio-net-pci,netdev=net0,addr=0x3,romfile=',
    '-device', 'virtio-serial-pci,addr=0x4',
    '-chardev', `socket,id=qga,path=${v(paths.qgaSocket)},server=on,wait=off`,
    '-device', 'virtserialport,chardev=qga,name=org.qemu.guest_agent.0',
    '-chardev', `file,id=dockerd,path=${v(paths.dockerdLog)}`,
    '-device', 'virtserialport,chardev=dockerd,name=org.berth.dockerd',
    '-device', 'virtio-rng-pci,addr=0x7',
    '-qmp', `unix:${v(paths.qmpSocket)},server=on,wait=off`,
    '-pidfile', paths.pidFile,
    '-fw_cfg', `name=opt/berth/ca.pem,file=${v(certs.ca)}`,
    '-fw_cfg', `name=opt/berth/server.pem,file=${v(certs.serverCert)}`,
    '-fw_cfg', `name=opt/berth/server-key.pem,file=${v(certs.serverKey)}`,
    '-fw_cfg', `name=opt/berth/swap,string=${settings.swapMiB}`,
    '-fw_cfg', `name=opt/berth/shares,file=${v(paths.sharesFile)}`,
    '-fw_cfg', `name=opt/berth/proxy,file=${v(paths.proxyEnvFile)}`,
  ];
  settings.shares.forEach((path, i) => {
    args.push('-virtfs', `local,path=${v(path)},mount_tag=${shareTag(i)},security_model=none,id=${shareTag(i)}`);
  });
  return args;
}

/** A plan for the short boot that checks whether KVM works here. */
export function probeArgs(paths: VmPaths): string[] {
  return [
    '-nodefaults', '-no-user-config', '-no-reboot', '-display', 'none',
    '-machine', 'pc', '-accel', 'kvm', '-cpu', 'host', '-m', '256M',
    '-kernel', paths.kernel, '-initrd', paths.initrd,
    '-append', 'console=ttyS0 quiet panic=-1 berth.probe',
    '-serial', 'none',
  ];
}
