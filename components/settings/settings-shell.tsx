'use client';
// The settings pages' frame: the same sidebar (for the current engine) and a tab bar for Access and Audit log.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { Sidebar } from '@/components/shell/sidebar';
import { ToastProvider } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';

export function SettingsShell({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.engines.current.queryOptions());
  const pathname = usePathname();
  return (
    <ToastProvider>
      <div className="flex h-dvh overflow-hidden">
        <Sidebar engine={current.data?.name ?? 'default'} />
        <main className="flex min-w-0 flex-1 flex-col overflow-hidden">
          <header className="flex h-12 items-center gap-4 border-b border-line px-4">
            <h1 className="text-[15px] font-semibold">Settings</h1>
            <nav aria-label="Settings" className="flex gap-1">
              {[
                ['/settings/access', 'Access'],
                ['/settings/audit', 'Audit log'],
              ].map(([href, label]) => (
                <Link key={href} href={href!} aria-current={pathname === href ? 'page' : undefined} className={cn('rounded-md px-2.5 py-1 text-muted hover:bg-panel hover:text-fg', pathname === href && 'bg-accent/12 font-medium text-accent')}>
                  {label}
                </Link>
              ))}
            </nav>
          </header>
          <div className="min-h-0 flex-1 overflow-auto p-4">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
