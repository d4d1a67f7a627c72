// The VM pages share a frame: sidebar, state and tabs.
import type { ReactNode } from 'react';
import { VmShell } from '@/components/vm/vm-shell';

export default function VmLayout({ children }: { children: ReactNode }) {
  return <VmShell>{children}</VmShell>;
}
