import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SwarmOverviewPage } from '@/components/swarm/overview-page';

export const metadata: Metadata = { title: 'Swarm' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <SwarmOverviewPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
