import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NodesPage } from '@/components/swarm/nodes-page';

export const metadata: Metadata = { title: 'Nodes · Swarm' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <NodesPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
