import type { Metadata } from 'next';
import { Suspense } from 'react';
import { VolumesPage } from '@/components/volumes/volumes-page';

export const metadata: Metadata = { title: 'Volumes' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <VolumesPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
