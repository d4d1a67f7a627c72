import type { Metadata } from 'next';
import { type ReactNode, Suspense } from 'react';
import { ServiceShell } from '@/components/swarm/service-shell';

export const metadata: Metadata = { title: 'Service · Swarm' };

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return (
    <Suspense>
      <ServiceShell engine={decodeURIComponent(engine)} id={decodeURIComponent(id)}>
        {children}
      </ServiceShell>
    </Suspense>
  );
}
