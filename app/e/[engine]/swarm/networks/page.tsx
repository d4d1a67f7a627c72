import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OverlayNetworksPage } from '@/components/swarm/overlay-networks-page';

export const metadata: Metadata = { title: 'Overlay networks · Swarm' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <OverlayNetworksPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
