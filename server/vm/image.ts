// Builds the VM image from Debian packages: kernel, a busybox initramfs and an immutable ext4 root.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { gzipCpio, type CpioEntry } from './cpio';
import { extractKernel } from './kernel-elf';
import { GUEST_BOOT, GUEST_INIT, GUEST_SHUTDOWN, INITRD_INIT, INITRD_MODULES } from './guest-files';
import { GUEST_SUITE, IMAGE_VERSION, type VmPaths } from './paths';
import { hasCommand, run } from './run';

/** Packages in the guest root; busybox-static also provides the initramfs's shell. */
export const GUEST_PACKAGES = [
  'docker.io', 'containerd', 'runc', 'iptables', 'qemu-guest-agent', 'kmod', 'e2fsprogs', 'busybox-static',
  'iproute2', 'ca-certificates', 'mount', 'util-linux', 'procps', 'dnsmasq-base',
];

/** Module trees a Docker host on virtio never loads; removing them keeps the root small. */
const TRIMMED_MODULE_DIRS = [
  'drivers/gpu', 'drivers/media', 'drivers/net/wireless', 'drivers/net/ethernet', 'drivers/infiniband', 'drivers/staging',
  'drivers/usb', 'drivers/bluetooth', 'drivers/iio', 'drivers/hid', 'drivers/isdn', 'drivers/comedi', 'drivers/mmc',
  'drivers/mtd', 'drivers/nfc', 'drivers/scsi', 'drivers/ata', 'drivers/input/touchscreen', 'drivers/input/joystick',
  'drivers/input/misc', 'drivers/platform', 'drivers/hwmon', 'drivers/leds', 'drivers/thunderbolt', 'drivers/watchdog',
  'drivers/mfd', 'drivers/power', 'drivers/spi', 'drivers/i2c', 'drivers/pinctrl', 'drivers/gnss', 'drivers/atm',
  'drivers/firewire', 'drivers/pcmcia', 'drivers/target', 'drivers/md', 'drivers/nvme', 'drivers/xen', 'drivers/hv',
  'sound', 'net/wireless', 'net/mac80211', 'net/bluetooth', 'net/ceph', 'fs/ceph', 'fs/ocfs2', 'fs/gfs2', 'fs/nls',
  'fs/xfs', 'fs/btrfs', 'fs/nfs', 'fs/nfsd', 'fs/smb', 'fs/cifs', 'fs/f2fs', 'fs/jfs', 'fs/ubifs', 'fs/ntfs3',
];

export const SBIN_PATH = `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${process.env.PATH ?? ''}`;

export interface ImageStamp {
  version: number;
  suite: string;
  kernel: string;
  builtAt: string;
}

export function readImageStamp(paths: VmPaths): ImageStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(paths.imageStamp, 'utf8')) as ImageStamp;
    const complete = [paths.kernel, paths.initrd, paths.rootImage].every((f) => existsSync(f));
    return complete ? stamp : null;
  } catch {
    return null;
  }
}

/** True when the image exists and was built by this version of Berth. */
export function imageIsCurrent(paths: VmPaths): boolean {
  return readImageStamp(paths)?.version === IMAGE_VERSION;
}

export interface BuildContext {
  log: (line: string) => void;
  progress?: (fraction: number, step: string) => void;
  signal?: AbortSignal;
}

/** The sentence that tells an unprivileged user how to let mmdebstrap map ids, or null when it can. */
export function subidProblem(user = userInfo().username, uid = process.getuid?.() ?? 0): string | null {
  if (uid === 0) return null;
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const has = text.split('\n').some((line) => line.startsWith(`${user}:`) || line.startsWith(`${uid}:`));
    if (!has) {
      return `Building the VM image without root needs subordinate ids: add the line "${user}:100000:65536" to ${file} (and to /etc/subuid and /etc/subgid alike), then try again.`;
    }
  }
  return null;
}

/** Unprivileged builds map ids with newuidmap and newgidmap, from Debian's uidmap package. */
async function uidmapProblem(): Promise<string | null> {
  if (process.getuid?.() === 0) return null;
  return (await hasCommand('newuidmap')) ? null : 'Building the VM image without root needs newuidmap and newgidmap: install the "uidmap" package (sudo apt-get install uidmap), then try again.';
}

const MMDEBSTRAP_STEPS: Array<[RegExp, number, string]> = [
  [/running apt-get update/, 0.05, 'Reading the package lists'],
  [/downloading packages/, 0.12, 'Downloading packages'],
  [/extracting archives/, 0.35, 'Unpacking packages'],
  [/installing essential packages|installing remaining packages/, 0.45, 'Installing packages'],
  [/running --customize-hook/, 0.65, 'Adding the kernel and Berth’s init'],
  [/berth: writing the root image/, 0.8, 'Writing the root image'],
];

/**
 * Runs outside the chroot but, unprivileged, inside mmdebstrap's user namespace as a subordinate uid that
 * cannot read the user's files: so it reads what Berth copied into the chroot (`/tmp/berth-in`) and writes
 * into the chroot (`/tmp/berth-out`), which mmdebstrap then copies out as the user.
 */
function hookScript(): string {
  const out = '$root/tmp/berth-out';
  const guest = '$root/tmp/berth-in/guest';
  return `set -eu
root="$1"
export PATH=${SBIN_PATH}
mkdir -p "${out}"
cd "$root/tmp"
pkg=$(APT_CONFIG="$MMDEBSTRAP_APT_CONFIG" apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$pkg" ] || { echo "no kernel package found for linux-image-amd64"; exit 1; }
APT_CONFIG="$MMDEBSTRAP_APT_CONFIG" apt-get download "$pkg"
mkdir -p kernel
dpkg-deb -x "$pkg"_*.deb kernel
rm -f "$pkg"_*.deb
ver=\${pkg#linux-image-}
mkdir -p "$root/usr/lib/modules"
cp -a "kernel/lib/modules/$ver" "$root/usr/lib/modules/"
cp "kernel/boot/vmlinuz-$ver" "${out}/vmlinuz"
rm -rf kernel
for d in ${TRIMMED_MODULE_DIRS.join(' ')}; do rm -rf "$root/lib/modules/$ver/kernel/$d"; done
chroot "$root" /sbin/depmod -a "$ver"
# Legacy iptables: dockerd runs it about a hundred times as it starts, and under software emulation each run costs
# 15 ms less than the nftables variant, whose extra libraries the loader links on every start.
chroot "$root" update-alternatives --set iptables /usr/sbin/iptables-legacy
chroot "$root" update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy
mkdir -p "${out}/modules"
cp -a "$root/lib/modules/$ver/." "${out}/modules/"
echo "$ver" > "${out}/kernel-version"
rm -rf "$root"/boot/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/var/cache/apt/archives/*.deb
cp "${guest}/berth-init" "${guest}/berth-boot" "${guest}/berth-shutdown" "$root/sbin/"
chmod 0755 "$root/sbin/berth-init" "$root/sbin/berth-boot" "$root/sbin/berth-shutdown"
ln -sf /sbin/berth-shutdown "$root/sbin/shutdown"
echo berth-vm > "$root/etc/hostname"
printf '127.0.0.1 localhost\\n127.0.1.1 berth-vm\\n' > "$root/etc/hosts"
cp "$root/bin/busybox" "${out}/busybox"
echo "berth: writing the root image"
mkdir "${out}/rootfs"
tar -C "$root" --one-file-system --exclude=./tmp/berth-out --exclude=./tmp/berth-in --exclude='./dev/*' -cf - . | tar -C "${out}/rootfs" -xpf -
size=$(( $(du -sm "${out}/rootfs" | cut -f1) * 12 / 10 + 96 ))
mkfs.ext4 -q -F -L berth-root -O ^has_journal -d "${out}/rootfs" "${out}/root.img" "\${size}M"
rm -rf "${out}/rootfs"
`;
}

/** Modules from `modules.dep` with every dependency before the module that needs it. */
export function moduleClosure(depText: string, wanted: string[]): string[] {
  const deps = new Map<string, string[]>();
  const byName = new Map<string, string>();
  for (const line of depText.split('\n')) {
    const [file, rest] = line.split(':');
    if (!file || rest === undefined) continue;
    deps.set(file, rest.trim() ? rest.trim().split(/\s+/) : []);
    byName.set(file.replace(/^.*\//, '').replace(/\.ko(\.\w+)?$/, '').replace(/-/g, '_'), file);
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const d of [...(deps.get(file) ?? [])].reverse()) visit(d);
    order.push(file);
  };
  for (const name of wanted) {
    const file = byName.get(name.replace(/-/g, '_'));
    if (file) visit(file);
  }
  return order;
}

function initrdEntries(stage: string): CpioEntry[] {
  const modulesDir = join(stage, 'modules');
  const files = moduleClosure(readFileSync(join(modulesDir, 'modules.dep'), 'utf8'), INITRD_MODULES);
  const entries: CpioEntry[] = ['bin', 'dev', 'proc', 'sys', 'lower', 'rw', 'newroot', 'lib', 'lib/modules'].map((d) => ({ kind: 'dir', path: d }));
  entries.push({ kind: 'char', path: 'dev/console', major: 5, minor: 1 });
  entries.push({ kind: 'char', path: 'dev/null', major: 1, minor: 3, mode: 0o666 });
  entries.push({ kind: 'file', path: 'bin/busybox', data: readFileSync(join(stage, 'busybox')), mode: 0o755 });
  entries.push({ kind: 'file', path: 'init', data: Buffer.from(INITRD_INIT), mode: 0o755 });
  const names: string[] = [];
  for (const f of files) {
    const name = f.replace(/\//g, '_');
    names.push(name);
    entries.push({ kind: 'file', path: `lib/modules/${name}`, data: readFileSync(join(modulesDir, f)) });
  }
  entries.push({ kind: 'file', path: 'modules.list', data: Buffer.from(`${names.join('\n')}\n`) });
  return entries;
}

/** Builds kernel, initramfs and root image into a staging directory, then swaps it in whole. */
export async function buildImage(paths: VmPaths, ctx: BuildContext): Promise<ImageStamp> {
  const problem = subidProblem() ?? (await uidmapProblem());
  if (problem) throw new Error(problem);
  const env = { ...process.env, PATH: SBIN_PATH };
  const stage = `${paths.imageDir}.build`;
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const progress = (f: number, step: string) => {
    ctx.progress?.(f, step);
    ctx.log(`== ${step}`);
  };
  try {
    const input = join(stage, 'berth-in');
    mkdirSync(join(input, 'guest'), { recursive: true });
    writeFileSync(join(input, 'guest', 'berth-init'), GUEST_INIT);
    writeFileSync(join(input, 'guest', 'berth-boot'), GUEST_BOOT);
    writeFileSync(join(input, 'guest', 'berth-shutdown'), GUEST_SHUTDOWN);
    writeFileSync(join(input, 'hook.sh'), hookScript());
    progress(0.01, `Building the root file system from Debian ${GUEST_SUITE}`);
    const mode = process.getuid?.() === 0 ? 'root' : 'unshare';
    await run(
      'mmdebstrap',
      [
        `--mode=${mode}`,
        '--variant=essential',
        `--include=${GUEST_PACKAGES.join(',')}`,
        '--dpkgopt=path-exclude=/usr/share/doc/*',
        '--dpkgopt=path-exclude=/usr/share/man/*',
        '--dpkgopt=path-exclude=/usr/share/locale/*',
        '--dpkgopt=path-exclude=/usr/share/info/*',
        `--customize-hook=copy-in ${input} /tmp`,
        '--customize-hook=sh "$1/tmp/berth-in/hook.sh" "$1"',
        `--customize-hook=copy-out /tmp/berth-out ${stage}`,
        GUEST_SUITE,
        '/dev/null',
      ],
      {
        env: { ...env, SOURCE_DATE_EPOCH: '1700000000' },
        signal: ctx.signal,
        onLine: (line) => {
          ctx.log(line);
          for (const [re, f, step] of MMDEBSTRAP_STEPS) if (re.test(line)) progress(f, step);
        },
      },
    );
    const produced = join(stage, 'berth-out');
    for (const f of readdirSync(produced)) renameSync(join(produced, f), join(stage, f));
    progress(0.9, 'Unpacking the kernel for a direct boot');
    const kernelKind = await extractKernel(join(stage, 'vmlinuz'), join(stage, 'vmlinux'));
    ctx.log(kernelKind === 'elf' ? 'kernel: uncompressed ELF, booted through its PVH entry' : 'kernel: the payload could not be unpacked; booting the compressed kernel');
    progress(0.93, 'Writing the initramfs');
    writeFileSync(join(stage, 'initrd.img'), gzipCpio(initrdEntries(stage)));
    const stamp: ImageStamp = {
      version: IMAGE_VERSION,
      suite: GUEST_SUITE,
      kernel: readFileSync(join(stage, 'kernel-version'), 'utf8').trim(),
      builtAt: new Date().toISOString(),
    };
    for (const extra of ['modules', 'berth-in', 'berth-out', 'busybox', 'kernel-version', 'vmlinuz']) rmSync(join(stage, extra), { recursive: true, force: true });
    writeFileSync(join(stage, 'image.json'), `${JSON.stringify(stamp, null, 2)}\n`);
    const old = `${paths.imageDir}.old`;
    rmSync(old, { recursive: true, force: true });
    if (existsSync(paths.imageDir)) renameSync(paths.imageDir, old);
    renameSync(stage, paths.imageDir);
    rmSync(old, { recursive: true, force: true });
    progress(1, 'The VM image is ready');
    return stamp;
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    throw err;
  }
}
