// /vm/engine: Docker Engine in the VM, its daemon.json.
import type { Metadata } from 'next';
import { EngineConfig } from '@/components/vm/engine-config';

export const metadata: Metadata = { title: 'Docker Engine' };

export default function Page() {
  return <EngineConfig />;
}
