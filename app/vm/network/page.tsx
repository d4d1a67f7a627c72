// /vm/network: the VM's proxies, host access and the default Docker socket.
import type { Metadata } from 'next';
import { NetworkForm } from '@/components/vm/network-form';

export const metadata: Metadata = { title: 'VM network' };

export default function Page() {
  return <NetworkForm />;
}
