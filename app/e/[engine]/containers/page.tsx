import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContainersPage } from '@/components/containers/containers-page';

export const metadata: Metadata = { title: 'Containers' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <ContainersPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
