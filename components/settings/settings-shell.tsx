'use client';
// The settings pages' frame: the same sidebar as the engine pages (for the current engine) and the settings tabs.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { Sidebar } from '@/components/shell/sidebar';
import { ToastProvider } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';

const LINKS: { href: string; label: string; tab?: string }[] = [
  { href: '/settings/access?tab=users', label: 'Users', tab: 'users' },
  { href: '/settings/access?tab=tokens', label: 'API tokens', tab: 'tokens' },
  { href: '/settings/access?tab=shares', label: 'Share links', tab: 'shares' },
  { href: '/settings/audit', label: 'Audit log' },
];

function SettingsTabs() {
  const pathname = usePathname();
  const params = useSearchParams();
  const tab = params.get('tab') ?? 'users';
  return (
    <nav aria-label="Settings" className="flex self-stretch">
      {LINKS.map((l) => {
        const active = l.tab ? pathname === '/settings/access' && tab === l.tab : pathname === l.href;
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? 'page' : undefined}
            className={cn('-mb-px flex items-center border-b-2 border-transparent px-2.5 text-[13px] text-muted hover:text-fg', active && 'border-accent font-medium text-fg')}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}

export function SettingsShell({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.engines.current.queryOptions());
  return (
    <ToastProvider>
      <div className="flex h-dvh overflow-hidden">
        <Sidebar engine={current.data?.name ?? 'default'} />
        <main className="flex min-w-0 flex-1 flex-col overflow-hidden">
          <header className="flex h-12 shrink-0 items-center gap-5 border-b border-line px-4">
            <h1 className="text-[15px] font-semibold">Settings</h1>
            <Suspense>
              <SettingsTabs />
            </Suspense>
          </header>
          <div className="min-h-0 flex-1 overflow-auto p-4">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
