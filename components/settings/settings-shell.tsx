'use client';
// The settings pages' frame: the engine pages' sidebar and the settings tabs.
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { SectionShell, SectionTabs } from '@/components/shell/section-shell';
import { useCanChange } from '@/components/shell/use-role';

const LINKS: { href: string; label: string; tab?: string; everyone?: boolean }[] = [
  { href: '/settings/general', label: 'General', everyone: true },
  { href: '/settings/access?tab=users', label: 'Users', tab: 'users' },
  { href: '/settings/access?tab=tokens', label: 'API tokens', tab: 'tokens' },
  { href: '/settings/access?tab=shares', label: 'Share links', tab: 'shares' },
  { href: '/settings/registries', label: 'Registries' },
  { href: '/settings/audit', label: 'Audit log' },
];

function SettingsTabs() {
  const pathname = usePathname();
  const tab = useSearchParams().get('tab') ?? 'users';
  const canChange = useCanChange();
  const tabs = LINKS.filter((l) => l.everyone || canChange).map((l) => ({ href: l.href, label: l.label, active: l.tab ? pathname === '/settings/access' && tab === l.tab : pathname === l.href }));
  return <SectionTabs label="Settings" tabs={tabs} />;
}

export function SettingsShell({ children }: { children: ReactNode }) {
  return (
    <SectionShell
      title={<h1 className="text-[15px] font-semibold">Settings</h1>}
      tabs={
        <Suspense>
          <SettingsTabs />
        </Suspense>
      }
    >
      {children}
    </SectionShell>
  );
}
