import { Suspense } from 'react';
import { ServiceTasks } from '@/components/swarm/service-tasks';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return (
    <Suspense>
      <ServiceTasks engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />
    </Suspense>
  );
}
