// Settings (access and audit log) share the engine pages' sidebar; only admins' queries succeed here.
import type { ReactNode } from 'react';
import { SettingsShell } from '@/components/settings/settings-shell';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return <SettingsShell>{children}</SettingsShell>;
}
