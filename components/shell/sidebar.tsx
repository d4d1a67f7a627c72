'use client';
// The left column: engine switcher with health, and the navigation of the selected engine.
import { useQuery } from '@tanstack/react-query';
import { Activity, Box, Boxes, Cpu, HardDrive, Layers, LogOut, Monitor, MonitorX, Network, PieChart, ScrollText, Settings } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { SwarmNav } from '@/components/swarm/swarm-nav';
import { withBase } from '@/lib/base-path';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { EngineSwitcher } from './engine-switcher';
import { Operations } from './operations';
import { navFor } from './scope-nav';
import { useCanChange, useMe } from './use-role';

const NAV = [
  { href: 'containers', label: 'Containers', icon: Box },
  { href: 'images', label: 'Images', icon: Layers },
  { href: 'volumes', label: 'Volumes', icon: HardDrive },
  { href: 'networks', label: 'Networks', icon: Network },
  { href: 'disk', label: 'Disk', icon: PieChart },
  { href: 'logs', label: 'Logs', icon: ScrollText },
  { href: 'events', label: 'Events', icon: Activity },
  { href: 'overview', label: 'Engine', icon: Cpu },
] as const;

const VM_DOT: Record<string, string> = { running: 'bg-ok', starting: 'bg-accent animate-pulse', stopping: 'bg-accent animate-pulse', error: 'bg-bad' };

function VmLink({ active }: { active: boolean }) {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.vm.status.queryOptions(), refetchInterval: 10_000 });
  const state = status.data?.state;
  // Docker Desktop's wording for a VM Resource Saver paused; the next call on its engine wakes it.
  const paused = state === 'running' && status.data?.resourceSaver?.paused;
  const label = paused ? 'Resource Saver: paused' : `VM ${state}`;
  return (
    <div className="mt-3 border-t border-line px-2 pt-3">
      <Link
        href="/vm"
        aria-current={active ? 'page' : undefined}
        title="Berth VM"
        className={cn('flex h-8 items-center gap-2 rounded-md px-2 text-[13px] text-fg/85 hover:bg-line/50', active && 'bg-accent/12 font-medium text-accent hover:bg-accent/15')}
      >
        <Monitor className="size-4 shrink-0" aria-hidden />
        <span data-side-label>Berth VM</span>
        {state ? <span aria-label={label} title={label} className={cn('ml-auto size-2 rounded-full', paused ? 'bg-muted' : (VM_DOT[state] ?? 'bg-line'))} /> : null}
      </Link>
      {paused ? (
        <p data-side-label data-vm-saver="paused" className="truncate pl-8 text-[11px] text-muted">
          Resource Saver: paused
        </p>
      ) : null}
    </div>
  );
}

export function Sidebar({ engine }: { engine: string }) {
  const pathname = usePathname();
  const trpc = useTRPC();
  const engines = useQuery({ ...trpc.engines.list.queryOptions(), refetchInterval: 15_000 });
  const canChange = useCanChange();
  const me = useMe();
  return (
    // Below 1024 px only the icons stay (each named for screen readers and on hover), so lists keep their columns.
    <nav aria-label="Main" data-sidebar className="flex h-full w-14 shrink-0 flex-col overflow-y-auto border-r border-line bg-panel lg:w-56">
      <div className="flex h-12 shrink-0 items-center gap-2 border-b border-line px-4">
        <Boxes className="size-5 shrink-0 text-accent" aria-hidden />
        <span data-side-label className="text-[15px] font-semibold tracking-tight">Berth</span>
      </div>
      <div className="p-2">
        <EngineSwitcher engine={engine} engines={engines.data} loading={engines.isPending} />
      </div>
      <ul className="flex flex-col gap-0.5 px-2">
        {(me.data ? navFor(me.data.scope, NAV) : []).map(({ href, label, icon: Icon, match }) => {
          const target = `/e/${encodeURIComponent(engine)}/${href}`;
          const current = `/e/${encodeURIComponent(engine)}/${match ?? href}`;
          const active = pathname === current || pathname.startsWith(`${current}/`);
          return (
            <li key={href}>
              <Link
                href={target}
                aria-current={active ? 'page' : undefined}
                title={label}
                className={cn(
                  'flex h-8 items-center gap-2 rounded-md px-2 text-[13px] text-fg/85 hover:bg-line/50',
                  active && 'bg-accent/12 font-medium text-accent hover:bg-accent/15',
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                <span data-side-label>{label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      {me.data ? <SwarmNav engine={engine} scope={me.data.scope} /> : null}
      {me.data && !me.data.scope ? <VmLink active={pathname === '/vm' || pathname.startsWith('/vm/')} /> : null}
      <Operations />
      <div className="mt-auto border-t border-line p-2">
        {me.data && !me.data.scope ? (
          <Link
            href={canChange ? '/settings/access' : '/settings/general'}
            title="Settings"
            aria-current={pathname.startsWith('/settings') ? 'page' : undefined}
            className={cn('flex h-8 items-center gap-2 rounded-md px-2 text-[13px] text-fg/85 hover:bg-line/50', pathname.startsWith('/settings') && 'bg-accent/12 font-medium text-accent')}
          >
            <Settings className="size-4 shrink-0" aria-hidden />
            <span data-side-label>Settings</span>
          </Link>
        ) : null}
        {me.data ? (
          <p data-side-hide className="truncate px-2 pt-1 text-[11px] text-muted">
            {me.data.name} · {me.data.scope ? 'shared view' : me.data.role}
          </p>
        ) : null}
        <form action={withBase('/api/logout')} method="post">
          <button type="submit" title="Sign out" className="flex h-8 w-full items-center gap-2 rounded-md px-2 text-[13px] text-muted hover:bg-line/50 hover:text-fg">
            <LogOut className="size-4 shrink-0" aria-hidden />
            <span data-side-label>Sign out</span>
          </button>
        </form>
        <form action={withBase('/api/logout?everywhere=1')} method="post">
          <button type="submit" title="Sign out everywhere" className="flex h-6 w-full items-center gap-2 rounded-md px-2 text-left text-[11px] text-muted hover:text-fg">
            <MonitorX className="size-4 shrink-0" aria-hidden data-side-only />
            <span data-side-label>Sign out everywhere</span>
          </button>
        </form>
      </div>
    </nav>
  );
}
