// /vm/disk: the VM's data disk on this machine and Docker's usage inside it.
import type { Metadata } from 'next';
import { VmDisk } from '@/components/vm/vm-disk';

export const metadata: Metadata = { title: 'VM disk' };

export default function Page() {
  return <VmDisk />;
}
