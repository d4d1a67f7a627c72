'use client';
// The VM pages' frame: the sidebar, the VM's name and state, and its tabs.
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { SectionShell, SectionTabs } from '@/components/shell/section-shell';
import { useVmStatus } from './use-vm';
import { VmStateBadge } from './vm-state-badge';

const TABS = [
  { href: '/vm', label: 'Overview' },
  { href: '/vm/resources', label: 'Resources' },
  { href: '/vm/network', label: 'Network' },
  { href: '/vm/disk', label: 'Disk' },
  { href: '/vm/engine', label: 'Docker Engine' },
  { href: '/vm/logs', label: 'Logs' },
  { href: '/vm/troubleshoot', label: 'Troubleshoot' },
];

export function VmShell({ children }: { children: ReactNode }) {
  const status = useVmStatus();
  const pathname = usePathname();
  const title = (
    <div className="flex items-center gap-2">
      <h1 className="whitespace-nowrap text-[15px] font-semibold">Berth VM</h1>
      {status.data ? <VmStateBadge state={status.data.state} /> : null}
      {status.data?.state === 'running' && status.data.resourceSaver?.paused ? (
        <span data-vm-saver="paused" className="text-[12px] text-muted" title="No container has run and no call reached the engine for a while; the next call wakes the VM.">
          Resource Saver: paused
        </span>
      ) : null}
    </div>
  );
  return (
    <SectionShell title={title} tabs={<SectionTabs label="VM" tabs={TABS.map((t) => ({ ...t, active: pathname === t.href }))} />}>
      {children}
    </SectionShell>
  );
}
