// The sidebar's entries for who is signed in: a share link's viewer gets only the pages the link opens.
import { Box, FileCog, KeyRound, Layers2, Network, ScrollText, Server, Waypoints, Workflow, type LucideIcon } from 'lucide-react';
import type { SwarmRole } from '@/lib/swarm';
import type { Scope } from '@/server/store/principal';

export interface NavItem {
  /** The page under /e/<engine>/, with any query. */
  href: string;
  label: string;
  icon: LucideIcon;
  /** The path under /e/<engine>/ whose pages mark this entry current, when it is not `href`. */
  match?: string;
}

/** Every entry for a user; for a share link, its project's containers and logs, or its one container's logs. */
export function navFor(scope: Scope | null | undefined, all: readonly NavItem[]): readonly NavItem[] {
  if (!scope) return all;
  if (scope.kind === 'project') {
    return [
      { href: `containers?project=${encodeURIComponent(scope.target)}`, label: 'Containers', icon: Box, match: 'containers' },
      { href: `logs?project=${encodeURIComponent(scope.target)}`, label: 'Logs', icon: ScrollText, match: 'logs' },
    ];
  }
  const container = `containers/${encodeURIComponent(scope.target)}`;
  return [{ href: `${container}/logs`, label: scope.target, icon: ScrollText, match: container }];
}

const SWARM_MANAGER: readonly NavItem[] = [
  { href: 'swarm/nodes', label: 'Nodes', icon: Server },
  { href: 'swarm/services', label: 'Services', icon: Workflow },
  { href: 'swarm/stacks', label: 'Stacks', icon: Layers2 },
  { href: 'swarm/secrets', label: 'Secrets', icon: KeyRound },
  { href: 'swarm/configs', label: 'Configs', icon: FileCog },
  { href: 'swarm/networks', label: 'Overlay networks', icon: Network },
];

/**
 * The Swarm group of an engine: its pages on a manager, one entry (saying to connect to a manager) on a worker,
 * nothing outside a swarm. A share link opens no swarm page.
 */
export function swarmNavFor(scope: Scope | null | undefined, role: SwarmRole | undefined): readonly NavItem[] {
  if (scope || !role || role === 'none') return [];
  if (role === 'worker') return [{ href: 'swarm', label: 'Swarm', icon: Waypoints }];
  return SWARM_MANAGER;
}

/** Where a share link's viewer starts (as the link itself lands), and where "back" leads from a page it does not open. */
export function scopeHome(scope: Scope): string {
  const engine = `/e/${encodeURIComponent(scope.engine)}`;
  return scope.kind === 'project' ? `${engine}/containers?project=${encodeURIComponent(scope.target)}` : `${engine}/containers/${encodeURIComponent(scope.target)}/logs`;
}
