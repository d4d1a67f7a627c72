import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NetworksPage } from '@/components/networks/networks-page';

export const metadata: Metadata = { title: 'Networks' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <NetworksPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
