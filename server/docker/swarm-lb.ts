// Whether a swarm engine's kernel can do the routing mesh and service VIPs (IPVS), and the sentence when it cannot.
//
// The engine API does not say: on a kernel without IPVS, GET /info has no warning, the ingress network and its
// sandbox look normal and tasks with VIPs and ingress ports run; only dockerd's own log says "Could not get ipvs
// family information from the kernel ... Native loadbalancing will not work". So Berth looks at the kernel itself,
// which it can only do for an engine on its own kernel: a unix socket on this machine whose kernel release is
// Berth's. For other engines the answer is "available" (nothing is known against it).
import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import type Docker from 'dockerode';
import type { SwarmStatus } from '../../lib/swarm';

export const NO_IPVS_SENTENCE =
  "This engine's kernel has no IPVS: published ports in ingress mode and service VIPs do not work here; use host-mode ports and dnsrr.";

export interface KernelProbe {
  release: string;
  /** The kernel has IPVS now (/proc/net/ip_vs), or can load it (a module dockerd's modprobe would find). */
  hasIpvs: () => boolean;
}

function moduleAvailable(rel: string): boolean {
  for (const file of ['modules.dep', 'modules.builtin']) {
    try {
      if (/(^|\/)ip_vs\.ko/m.test(readFileSync(`/lib/modules/${rel}/${file}`, 'utf8'))) return true;
    } catch {
      // No such list: nothing to load from here.
    }
  }
  return false;
}

export const localKernel: KernelProbe = {
  release: release(),
  hasIpvs: () => existsSync('/proc/net/ip_vs') || moduleAvailable(release()),
};

let cached: boolean | undefined;

/** The answer for an engine whose `GET /info` is `info`, probing `kernel` (Berth's own unless a test passes one). */
export function loadBalancingOf(socketPath: string | undefined, engineKernel: string | undefined, kernel: KernelProbe = localKernel): SwarmStatus['loadBalancing'] {
  if (!socketPath || !engineKernel || engineKernel !== kernel.release) return { available: true, sentence: null };
  const has = kernel === localKernel ? (cached ??= kernel.hasIpvs()) : kernel.hasIpvs();
  return has ? { available: true, sentence: null } : { available: false, sentence: NO_IPVS_SENTENCE };
}

export async function loadBalancing(api: Docker, info: { KernelVersion?: string }): Promise<SwarmStatus['loadBalancing']> {
  const socketPath = (api.modem as unknown as { socketPath?: string }).socketPath;
  return loadBalancingOf(socketPath, info.KernelVersion);
}
