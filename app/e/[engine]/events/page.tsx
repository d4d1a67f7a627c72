import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EventsPage } from '@/components/events/events-page';

export const metadata: Metadata = { title: 'Events' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <EventsPage engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
