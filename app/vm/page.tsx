// /vm: Berth's own Linux VM with Docker Engine inside.
import type { Metadata } from 'next';
import { VmOverview } from '@/components/vm/vm-overview';

export const metadata: Metadata = { title: 'Berth VM' };

export default function Page() {
  return <VmOverview />;
}
