import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ObjectsPage } from '@/components/swarm/objects-page';

export const metadata: Metadata = { title: 'Secrets · Swarm' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <ObjectsPage engine={decodeURIComponent(engine)} kind="secret" />
    </Suspense>
  );
}
