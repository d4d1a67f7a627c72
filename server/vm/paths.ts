// Where the VM keeps its files under BERTH_HOME, and the image version a Berth release expects.
import { join } from 'node:path';

/** Bump when the guest image changes: a newer Berth then rebuilds the root, never the data disk. */
export const IMAGE_VERSION = 8;
/** The Debian suite the guest is built from, pinned so a rebuild gives the same packages. */
export const GUEST_SUITE = 'bookworm';
/** dockerd's TLS port inside the guest. */
export const GUEST_DOCKER_PORT = 2376;
/** The guest's address on QEMU's user network. */
export const GUEST_ADDRESS = '10.0.2.15';

export interface VmPaths {
  home: string;
  vmDir: string;
  imageDir: string;
  kernel: string;
  initrd: string;
  rootImage: string;
  imageStamp: string;
  buildLog: string;
  runDir: string;
  dockerSocket: string;
  qmpSocket: string;
  qgaSocket: string;
  /** The supervisor's own QMP connection, beside the one Berth uses. */
  supervisorQmpSocket: string;
  pidFile: string;
  supervisorPidFile: string;
  lockFile: string;
  stateFile: string;
  portsFile: string;
  sharesFile: string;
  lastExitFile: string;
  accelCache: string;
  serialLog: string;
  qemuLog: string;
  supervisorLog: string;
  dockerdLog: string;
  certsDir: string;
  settingsFile: string;
  /** Proxies and the default socket link (Settings → VM → Network). */
  networkFile: string;
  /** dockerd's proxy environment, handed to the guest at boot through fw_cfg. */
  proxyEnvFile: string;
  defaultDiskDir: string;
}

export function vmPaths(home: string): VmPaths {
  const vmDir = join(home, 'vm');
  const imageDir = join(vmDir, 'image');
  const runDir = join(home, 'run');
  return {
    home,
    vmDir,
    imageDir,
    // Uncompressed (server/vm/kernel-elf.ts): QEMU boots it without the guest decompressing anything.
    kernel: join(imageDir, 'vmlinux'),
    initrd: join(imageDir, 'initrd.img'),
    rootImage: join(imageDir, 'root.img'),
    imageStamp: join(imageDir, 'image.json'),
    buildLog: join(vmDir, 'build.log'),
    runDir,
    dockerSocket: join(runDir, 'docker.sock'),
    qmpSocket: join(runDir, 'vm-qmp.sock'),
    qgaSocket: join(runDir, 'vm-qga.sock'),
    supervisorQmpSocket: join(runDir, 'vm-qmp-supervisor.sock'),
    pidFile: join(runDir, 'vm-qemu.pid'),
    supervisorPidFile: join(runDir, 'vm-supervisor.pid'),
    lockFile: join(runDir, 'vm.lock'),
    stateFile: join(runDir, 'vm-state.json'),
    portsFile: join(runDir, 'vm-ports.json'),
    sharesFile: join(runDir, 'vm-shares.tsv'),
    lastExitFile: join(vmDir, 'last-exit.json'),
    accelCache: join(vmDir, 'accel.json'),
    serialLog: join(vmDir, 'console.log'),
    qemuLog: join(vmDir, 'qemu.log'),
    supervisorLog: join(vmDir, 'supervisor.log'),
    dockerdLog: join(vmDir, 'dockerd.log'),
    certsDir: join(vmDir, 'certs'),
    settingsFile: join(vmDir, 'settings.json'),
    networkFile: join(vmDir, 'network.json'),
    proxyEnvFile: join(runDir, 'vm-proxy.env'),
    defaultDiskDir: join(vmDir, 'disk'),
  };
}

const DISK_FILE_NAME = 'Docker.raw';

/** The data disk's file in the location the settings name. */
export function diskFileOf(settings: { diskDir: string }): string {
  return join(settings.diskDir, DISK_FILE_NAME);
}
