// /vm/troubleshoot: rebuild the VM image or reset it to factory defaults.
import type { Metadata } from 'next';
import { Troubleshoot } from '@/components/vm/troubleshoot';

export const metadata: Metadata = { title: 'VM troubleshooting' };

export default function Page() {
  return <Troubleshoot />;
}
