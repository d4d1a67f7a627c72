// /e/[engine]/disk: disk usage and cleanup of one engine.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DiskPage } from '@/components/disk/disk-page';

export const metadata: Metadata = { title: 'Disk usage' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <DiskPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
