import { Suspense } from 'react';
import { ServiceLogs } from '@/components/swarm/service-logs';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return (
    <Suspense>
      <ServiceLogs engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />
    </Suspense>
  );
}
