import type { ReactNode } from 'react';
import { ContainerShell } from '@/components/containers/detail/container-header';

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return (
    <ContainerShell engine={decodeURIComponent(engine)} id={decodeURIComponent(id)}>
      {children}
    </ContainerShell>
  );
}
