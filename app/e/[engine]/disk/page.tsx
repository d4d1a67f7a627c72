import type { Metadata } from 'next';
import { DiskPage } from '@/components/disk/disk-page';

export const metadata: Metadata = { title: 'Disk usage' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return <DiskPage engine={decodeURIComponent(engine)} />;
}
