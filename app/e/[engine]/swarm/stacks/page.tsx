import type { Metadata } from 'next';
import { Suspense } from 'react';
import { StacksPage } from '@/components/swarm/stacks-page';

export const metadata: Metadata = { title: 'Stacks · Swarm' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <StacksPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
