// /vm/logs: the VM's console, dockerd, QEMU and supervisor logs.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { VmLogs } from '@/components/vm/vm-logs';

export const metadata: Metadata = { title: 'VM logs' };

export default function Page() {
  return (
    <Suspense>
      <VmLogs />
    </Suspense>
  );
}
