import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ServicesPage } from '@/components/swarm/services-page';

export const metadata: Metadata = { title: 'Services · Swarm' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <ServicesPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
