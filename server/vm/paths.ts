// Where the VM keeps its files under BERTH_HOME, and the image version a Berth release expects.
import { join } from 'node:path';

/** Bump when the guest image changes: a newer Berth then rebuilds the root, never the data disk. */
export const IMAGE_VERSION = 3;
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
  pidFile: string;
  supervisorPidFile: string;
  lockFile: string;
  stateFile: string;
  serialLog: string;
  qemuLog: string;
  supervisorLog: string;
  certsDir: string;
  settingsFile: string;
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
    kernel: join(imageDir, 'vmlinuz'),
    initrd: join(imageDir, 'initrd.img'),
    rootImage: join(imageDir, 'root.img'),
    imageStamp: join(imageDir, 'image.json'),
    buildLog: join(vmDir, 'build.log'),
    runDir,
    dockerSocket: join(runDir, 'docker.sock'),
    qmpSocket: join(runDir, 'vm-qmp.sock'),
    qgaSocket: join(runDir, 'vm-qga.sock'),
    pidFile: join(runDir, 'vm-qemu.pid'),
    supervisorPidFile: join(runDir, 'vm-supervisor.pid'),
    lockFile: join(runDir, 'vm.lock'),
    stateFile: join(runDir, 'vm-state.json'),
    serialLog: join(vmDir, 'console.log'),
    qemuLog: join(vmDir, 'qemu.log'),
    supervisorLog: join(vmDir, 'supervisor.log'),
    certsDir: join(vmDir, 'certs'),
    settingsFile: join(vmDir, 'settings.json'),
    defaultDiskDir: join(vmDir, 'disk'),
  };
}

export const DISK_FILE_NAME = 'Docker.raw';
