import type { Metadata } from 'next';
import { Suspense } from 'react';
import { MergedLogs } from '@/components/logs/merged-logs';

export const metadata: Metadata = { title: 'Logs' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return (
    <Suspense>
      <MergedLogs engine={decodeURIComponent(engine)} />
    </Suspense>
  );
}
