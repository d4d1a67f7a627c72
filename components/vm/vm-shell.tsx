'use client';
// The VM pages' frame: the sidebar, the VM's name and state, and its tabs.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { Sidebar } from '@/components/shell/sidebar';
import { ToastProvider } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { useVmStatus } from './use-vm';
import { VmStateBadge } from './vm-state-badge';

const TABS = [
  { href: '/vm', label: 'Overview' },
  { href: '/vm/resources', label: 'Resources' },
  { href: '/vm/disk', label: 'Disk' },
  { href: '/vm/logs', label: 'Logs' },
  { href: '/vm/troubleshoot', label: 'Troubleshoot' },
];

export function VmShell({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.engines.current.queryOptions());
  const status = useVmStatus();
  const pathname = usePathname();
  return (
    <ToastProvider>
      <div className="flex h-dvh overflow-hidden">
        <Sidebar engine={current.data?.name ?? 'default'} />
        <main className="flex min-w-0 flex-1 flex-col overflow-hidden">
          <header className="flex h-12 shrink-0 items-center gap-5 border-b border-line px-4">
            <div className="flex items-center gap-2">
              <h1 className="text-[15px] font-semibold">Berth VM</h1>
              {status.data ? <VmStateBadge state={status.data.state} /> : null}
            </div>
            <nav aria-label="VM" className="flex self-stretch">
              {TABS.map((t) => {
                const active = pathname === t.href;
                return (
                  <Link
                    key={t.href}
                    href={t.href}
                    aria-current={active ? 'page' : undefined}
                    className={cn('-mb-px flex items-center border-b-2 border-transparent px-2.5 text-[13px] text-muted hover:text-fg', active && 'border-accent font-medium text-fg')}
                  >
                    {t.label}
                  </Link>
                );
              })}
            </nav>
          </header>
          <div className="min-h-0 flex-1 overflow-auto p-4">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
