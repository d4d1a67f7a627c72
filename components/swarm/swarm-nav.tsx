'use client';
// The sidebar's Swarm group: on a manager, the overview and its pages; on a worker, one entry; elsewhere nothing.
// Below 1024 px only the icons stay, like the rest of the sidebar.
import { Waypoints } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { swarmNavFor } from '@/components/shell/scope-nav';
import { cn } from '@/lib/utils';
import type { Scope } from '@/server/store/principal';
import { useSwarmStatus } from './use-swarm';

const ITEM = 'flex h-8 items-center gap-2 rounded-md px-2 text-[13px] text-fg/85 hover:bg-line/50';
const ACTIVE = 'bg-accent/12 font-medium text-accent hover:bg-accent/15';

export function SwarmNav({ engine, scope }: { engine: string; scope: Scope | null | undefined }) {
  const pathname = usePathname();
  // A share link opens no swarm page: its viewer does not even ask.
  const status = useSwarmStatus(engine, !scope);
  const items = swarmNavFor(scope, status.data?.role);
  if (!items.length) return null;
  const base = `/e/${encodeURIComponent(engine)}`;
  const overview = `${base}/swarm`;
  const manager = status.data?.role === 'manager';
  return (
    <div className="mt-2 border-t border-line px-2 pt-2" data-swarm-nav>
      {manager ? (
        <Link href={overview} aria-current={pathname === overview ? 'page' : undefined} title="Swarm" className={cn(ITEM, pathname === overview && ACTIVE)}>
          <Waypoints className="size-4 shrink-0" aria-hidden />
          <span data-side-label>Swarm</span>
        </Link>
      ) : null}
      <ul aria-label="Swarm" className="flex flex-col gap-0.5">
        {items.map(({ href, label, icon: Icon }) => {
          const target = `${base}/${href}`;
          const active = pathname === target || (manager && pathname.startsWith(`${target}/`));
          return (
            <li key={href}>
              <Link href={target} aria-current={active ? 'page' : undefined} title={label} className={cn(ITEM, manager && 'lg:pl-5', active && ACTIVE)}>
                <Icon className="size-4 shrink-0" aria-hidden />
                <span data-side-label>{label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
