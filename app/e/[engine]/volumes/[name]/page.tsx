import type { Metadata } from 'next';
import { VolumeDetail } from '@/components/volumes/volume-detail';

export const metadata: Metadata = { title: 'Volume' };

export default async function Page({ params }: { params: Promise<{ engine: string; name: string }> }) {
  const { engine, name } = await params;
  return <VolumeDetail engine={decodeURIComponent(engine)} name={decodeURIComponent(name)} />;
}
