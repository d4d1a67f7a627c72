import { Suspense } from 'react';
import { ServiceSpecView } from '@/components/swarm/service-spec';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return (
    <Suspense>
      <ServiceSpecView engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />
    </Suspense>
  );
}
