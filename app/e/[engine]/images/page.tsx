import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ImagesPage } from '@/components/images/images-page';

export const metadata: Metadata = { title: 'Images' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <ImagesPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
