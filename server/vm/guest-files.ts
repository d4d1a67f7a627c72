// The scripts that run inside the VM: the initramfs's /init, the root's init, and its shutdown.
import { GUEST_ADDRESS, GUEST_DOCKER_PORT } from './paths';

/** The VM's daemon.json, on the data disk; dockerd reads it through --config-file and Berth edits it (Settings → Docker Engine). */
export const GUEST_DAEMON_JSON = '/mnt/data/berth/daemon.json';

/** Modules the initramfs loads to reach the root image; their dependencies are added at build time. */
export const INITRD_MODULES = ['virtio_pci', 'virtio_blk', 'crc32c_generic', 'ext4', 'overlay'];

/** Loaded by the root's init; dockerd loads the rest of what it needs through modprobe. */
const GUEST_MODULES = [
  'virtio_net', 'virtio_console', 'virtio_rng', 'qemu_fw_cfg', '9pnet_virtio', '9p', 'button', 'evdev',
  'br_netfilter', 'bridge', 'veth', 'nf_nat', 'xt_MASQUERADE', 'xt_conntrack', 'xt_addrtype', 'iptable_nat', 'iptable_filter',
];

/** The initramfs: load virtio and ext4, put a tmpfs overlay on the read-only root, switch to it. */
export const INITRD_INIT = `#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Start-up phases: the guest's uptime at each step, read by Berth from the console (server/vm/boot-phases.ts).
echo "berth-phase initramfs $(cut -d' ' -f1 /proc/uptime)"
fail() { echo "berth-initrd: $*"; poweroff -f; }
grep -q berth.probe /proc/cmdline && { echo "berth-initrd: probe boot reached userspace"; poweroff -f; }
while read -r m; do insmod "/lib/modules/$m" 2>/dev/null || echo "berth-initrd: could not load $m"; done < /modules.list
i=0
while [ ! -b /dev/vda ] || [ ! -b /dev/vdb ]; do
  i=$((i + 1)); [ $i -gt 400 ] && fail "the root and data disks did not appear"
  sleep 0.05
done
mount -t ext4 -o ro /dev/vda /lower || fail "cannot mount the root image"
mount -t tmpfs -o mode=0755 tmpfs /rw
mkdir -p /rw/upper /rw/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work /newroot || fail "cannot mount the root overlay"
mkdir -p /newroot/mnt/.root /newroot/mnt/.rw
mount --move /lower /newroot/mnt/.root
mount --move /rw /newroot/mnt/.rw
mount --move /dev /newroot/dev
# What a system needs mounted, done here by busybox: under software emulation a static program starts about five
# times faster than the root's dynamically linked mount.
mount -t proc proc /newroot/proc
mount -t sysfs sysfs /newroot/sys
mount -t cgroup2 cgroup2 /newroot/sys/fs/cgroup
mkdir -p /newroot/dev/pts /newroot/dev/shm
mount -t devpts -o gid=5,mode=620 devpts /newroot/dev/pts
mount -t tmpfs tmpfs /newroot/dev/shm
mount -t tmpfs -o mode=0755 tmpfs /newroot/run
mount -t tmpfs tmpfs /newroot/tmp
umount /proc /sys
exec switch_root /newroot /sbin/berth-init
`;

/** PID 1 of the root (the initramfs mounted /proc, /sys, /run and the rest): hands over to tini, which reaps orphans. */
export const GUEST_INIT = `#!/bin/sh
read -r up _ < /proc/uptime
echo "berth-phase init $up"
exec /usr/bin/tini -s -- /sbin/berth-boot
`;

/** Brings up modules, network, the data disk, swap, shared directories, the guest agent and dockerd. */
export const GUEST_BOOT = `#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
say() { echo "berth-vm: $*"; }
# Small commands run as busybox applets: under software emulation a dynamically linked program costs about 40 ms to
# start and busybox about 8. They are shell functions, so dockerd and what it starts keep the root's own tools.
for c in awk blockdev cat chmod df fallocate hostname ip ln mkdir mkswap mount mv rm stat swapon tail; do
  eval "$c() { /bin/busybox $c \\"\\$@\\"; }"
done
hostname berth-vm
# One modprobe for all of them: under software emulation every process started costs tens of milliseconds.
modprobe -qa ${GUEST_MODULES.join(' ')} 2>/dev/null
mkdir -p /dev/virtio-ports
for p in /sys/class/virtio-ports/*; do [ -e "$p/name" ] && ln -sf "/dev/\${p##*/}" "/dev/virtio-ports/$(cat "$p/name")"; done
CFG=/sys/firmware/qemu_fw_cfg/by_name/opt/berth
# The engine's log port (Troubleshoot in Berth), opened once: containerd and dockerd share it, and the port takes
# one opener at a time.
DLOG=/dev/virtio-ports/org.berth.dockerd
[ -e "$DLOG" ] || DLOG=/dev/null
exec 3>"$DLOG"
ip link set lo up
ip link set eth0 up
ip addr add ${GUEST_ADDRESS}/24 dev eth0
ip route add default via 10.0.2.2
# host.docker.internal and gateway.docker.internal name this machine (QEMU maps its loopback at 10.0.2.2); every
# other name goes to QEMU's resolver. Containers reach the forwarder at the guest's own address: the default bridge
# copies a non-loopback nameserver, and user networks' embedded DNS forwards to it.
if dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --server=10.0.2.3 --listen-address=${GUEST_ADDRESS} --bind-interfaces \\
  --host-record=host.docker.internal,10.0.2.2 --host-record=gateway.docker.internal,10.0.2.2 \\
  --user=nobody --group=nogroup --pid-file=/run/dnsmasq.pid --cache-size=1000; then
  echo "nameserver ${GUEST_ADDRESS}" > /etc/resolv.conf
else
  say "the DNS forwarder did not start: host.docker.internal will not resolve in containers"
  echo "nameserver 10.0.2.3" > /etc/resolv.conf
fi
mkdir -p /mnt/data
if ! mount -t ext4 -o discard,noatime /dev/vdb /mnt/data; then
  say "the data disk could not be mounted"
else
  # The file system grows when the disk did (Settings → Resources), and resize2fs runs only then.
  mkdir -p /mnt/data/berth
  bytes=$(blockdev --getsize64 /dev/vdb)
  if [ "$(cat /mnt/data/berth/disk-bytes 2>/dev/null)" != "$bytes" ]; then
    if resize2fs /dev/vdb >/dev/null 2>&1; then echo "$bytes" > /mnt/data/berth/disk-bytes; else say "the data disk could not be grown"; fi
  fi
  say "data disk: $(df -h /mnt/data | tail -1 | awk '{print $2}')"
fi
mkdir -p /mnt/data/docker /var/lib/docker /mnt/data/containerd /var/lib/containerd
mount --bind /mnt/data/docker /var/lib/docker
mount --bind /mnt/data/containerd /var/lib/containerd
# containerd starts now, beside the rest of the boot, rather than from dockerd: with two vCPUs its start overlaps
# dockerd's own, which saved about 2 s under TCG. It is restarted if it ever exits, as dockerd would.
# Its Kubernetes plugin (CRI) is off, as in the containerd dockerd would start itself.
printf 'version = 2\\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\\n' > /run/containerd.toml
( while [ ! -e /run/berth-stopping ]; do
    containerd --config /run/containerd.toml >&3 2>&1 &
    echo $! > /run/containerd.pid
    wait $!
    [ -e /run/berth-stopping ] || { say "containerd exited; restarting it"; sleep 1; }
  done ) &
SWAP_MIB=$(cat "$CFG/swap/raw" 2>/dev/null || echo 0)
if [ "$SWAP_MIB" -gt 0 ] 2>/dev/null; then
  want=$((SWAP_MIB * 1024 * 1024))
  have=$(stat -c %s /mnt/data/swapfile 2>/dev/null || echo 0)
  if [ "$have" != "$want" ]; then
    rm -f /mnt/data/swapfile
    fallocate -l "$want" /mnt/data/swapfile && chmod 600 /mnt/data/swapfile && mkswap /mnt/data/swapfile >/dev/null
  fi
  swapon /mnt/data/swapfile && say "swap: $SWAP_MIB MiB"
else
  rm -f /mnt/data/swapfile
fi
if [ -r "$CFG/shares/raw" ]; then
  tab=$(printf '\\t')
  while IFS="$tab" read -r tag path; do
    [ -n "$tag" ] || continue
    mkdir -p "$path" && mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,cache=mmap "$tag" "$path" && say "shared: $path"
  done < "$CFG/shares/raw"
fi
mkdir -p /etc/docker/tls
for f in ca.pem server.pem server-key.pem; do cat "$CFG/$f/raw" > "/etc/docker/tls/$f"; done
chmod 600 /etc/docker/tls/server-key.pem
# daemon.json lives on the data disk, so it survives restarts; a .previous copy means Berth's last apply never
# finished (Berth removes it once dockerd answers), so the file that last worked is put back.
mkdir -p /mnt/data/berth
[ -f ${GUEST_DAEMON_JSON}.previous ] && mv ${GUEST_DAEMON_JSON}.previous ${GUEST_DAEMON_JSON}
[ -s ${GUEST_DAEMON_JSON} ] || echo '{}' > ${GUEST_DAEMON_JSON}
# dockerd's proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY lines): from Berth at boot, rewritten by Berth while the VM runs.
[ -r "$CFG/proxy/raw" ] && cat "$CFG/proxy/raw" > /run/berth-proxy.env
read -r up _ < /proc/uptime
echo "berth-phase dockerd $up"
say "starting dockerd"
( while [ ! -e /run/berth-stopping ]; do
  # A subshell per start, so a proxy removed since the last start is gone from dockerd's environment.
  ( [ -r /run/berth-proxy.env ] && while IFS= read -r line; do
      case "$line" in HTTP_PROXY=*|HTTPS_PROXY=*|NO_PROXY=*) export "$line" ;; esac
    done < /run/berth-proxy.env
  exec dockerd --tlsverify --tlscacert /etc/docker/tls/ca.pem --tlscert /etc/docker/tls/server.pem \\
    --tlskey /etc/docker/tls/server-key.pem -H tcp://0.0.0.0:${GUEST_DOCKER_PORT} -H unix:///var/run/docker.sock \\
    --containerd /run/containerd/containerd.sock --pidfile /run/docker.pid --config-file ${GUEST_DAEMON_JSON} >&3 2>&1 )
  status=$?
  [ -e /run/berth-stopping ] && break
  say "dockerd exited with status $status; restarting it"
  sleep 2
done ) &
# The guest agent and the power button are not needed for the engine to answer, so they start beside dockerd.
qemu-ga -m virtio-serial -p /dev/virtio-ports/org.qemu.guest_agent.0 -d
# The ACPI power button (QEMU's system_powerdown): one input event from it means "shut down cleanly".
pwr=$(awk '/Power Button/ {found = 1} found && /Handlers=/ { for (i = 1; i <= NF; i++) if ($i ~ /^event/) { print $i; exit } }' /proc/bus/input/devices)
if [ -n "$pwr" ] && [ -e "/dev/input/$pwr" ]; then
  ( head -c 24 "/dev/input/$pwr" >/dev/null && /sbin/berth-shutdown ) &
fi
sleep infinity
`;

/** What the guest agent runs for guest-shutdown: stop dockerd cleanly, unmount the data disk, power off. */
export const GUEST_SHUTDOWN = `#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
echo "berth-vm: shutting down"
touch /run/berth-stopping
pid=$(cat /run/docker.pid 2>/dev/null)
if [ -n "$pid" ]; then
  kill -TERM "$pid" 2>/dev/null
  i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
fi
# containerd after dockerd, which stops its containers through it; both keep files open on the data disk.
pid=$(cat /run/containerd.pid 2>/dev/null)
if [ -n "$pid" ]; then
  kill -TERM "$pid" 2>/dev/null
  i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fi
swapoff -a 2>/dev/null
sync
umount /var/lib/docker /var/lib/containerd 2>/dev/null
umount /mnt/data 2>/dev/null || mount -o remount,ro /mnt/data 2>/dev/null
sync
busybox poweroff -f
`;
