// Which host ports the VM should forward, from the containers' published ports, and how to get there.
export type Proto = 'tcp' | 'udp';

export interface Forward {
  proto: Proto;
  hostIp: string;
  hostPort: number;
}

export interface PublishedPort {
  containerId: string;
  containerName: string;
  ip?: string;
  publicPort?: number;
  type: string;
}

export interface DesiredForward extends Forward {
  containerId: string;
  containerName: string;
}

export function forwardKey(f: Forward): string {
  return `${f.proto}:${f.hostIp}:${f.hostPort}`;
}

/**
 * Published ports of running containers → host forwards. Ports bound to all addresses in the guest
 * answer on 127.0.0.1, or on all host interfaces when `exposeAll` is set; ports a container bound to
 * a specific guest address are not reachable through the VM's NIC and are left out.
 */
export function desiredForwards(ports: PublishedPort[], exposeAll: boolean): DesiredForward[] {
  const out = new Map<string, DesiredForward>();
  for (const p of ports) {
    if (!p.publicPort || (p.type !== 'tcp' && p.type !== 'udp')) continue;
    const any = !p.ip || p.ip === '0.0.0.0' || p.ip === '::';
    if (!any) continue;
    const f: DesiredForward = {
      proto: p.type,
      hostIp: exposeAll ? '0.0.0.0' : '127.0.0.1',
      hostPort: p.publicPort,
      containerId: p.containerId,
      containerName: p.containerName,
    };
    if (!out.has(forwardKey(f))) out.set(forwardKey(f), f);
  }
  return [...out.values()];
}

export interface ForwardPlan {
  add: DesiredForward[];
  remove: Forward[];
}

/** The changes that take the active forwards to the desired ones; forwards that already match stay. */
export function planForwards(desired: DesiredForward[], active: Forward[]): ForwardPlan {
  const want = new Map(desired.map((f) => [forwardKey(f), f]));
  const have = new Set(active.map(forwardKey));
  return {
    add: [...want.entries()].filter(([k]) => !have.has(k)).map(([, f]) => f),
    remove: active.filter((f) => !want.has(forwardKey(f))),
  };
}

export function hostfwdRule(f: Forward): string {
  return `${f.proto}:${f.hostIp}:${f.hostPort}-:${f.hostPort}`;
}

/** QEMU's reply to hostfwd_add is empty on success and a sentence on failure; this makes it a user's sentence. */
export function forwardFailure(f: Forward, reply: string, uid = process.getuid?.() ?? 0): string | null {
  if (!reply.trim()) return null;
  if (f.hostPort < 1024 && uid !== 0) {
    return `Port ${f.hostPort} is below 1024: opening it on this machine needs root privileges, and Berth runs as uid ${uid}. Publish a port of 1024 or above, or allow it with sysctl net.ipv4.ip_unprivileged_port_start.`;
  }
  return `Port ${f.hostPort}/${f.proto} on ${f.hostIp} is already in use on this machine, so this container's port cannot be reached from here. Stop what uses it or publish another port.`;
}
