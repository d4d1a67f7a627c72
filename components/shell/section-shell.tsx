'use client';
// The frame of pages outside an engine (settings, the VM): the sidebar for the current engine, a title and tabs.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { Sidebar } from './sidebar';

export interface SectionTab {
  href: string;
  label: string;
  active: boolean;
}

export function SectionTabs({ label, tabs }: { label: string; tabs: SectionTab[] }) {
  return (
    <nav aria-label={label} className="flex min-w-0 self-stretch overflow-x-auto">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.active ? 'page' : undefined}
          className={cn('-mb-px flex items-center whitespace-nowrap border-b-2 border-transparent px-2.5 text-[13px] text-muted hover:text-fg', t.active && 'border-accent font-medium text-fg')}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

export function SectionShell({ title, tabs, children }: { title: ReactNode; tabs: ReactNode; children: ReactNode }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.engines.current.queryOptions());
  return (
    <ToastProvider>
      <div className="flex h-dvh overflow-hidden">
        <Sidebar engine={current.data?.name ?? 'default'} />
        <main id="main" tabIndex={-1} className="flex min-w-0 flex-1 flex-col overflow-hidden focus:outline-none">
          <header className="flex h-12 shrink-0 items-center gap-5 border-b border-line px-4">
            {title}
            {tabs}
          </header>
          <div className="min-h-0 flex-1 overflow-auto p-4">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
