import type { Metadata } from 'next';
import { NetworkDetail } from '@/components/networks/network-detail';

export const metadata: Metadata = { title: 'Network' };

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <NetworkDetail engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />;
}
