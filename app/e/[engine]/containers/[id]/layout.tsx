import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ContainerShell } from '@/components/containers/detail/container-header';

type Params = Promise<{ engine: string; id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: `${decodeURIComponent(id)} · Containers` };
}

export default async function Layout({ children, params }: { children: ReactNode; params: Params }) {
  const { engine, id } = await params;
  return (
    <ContainerShell engine={decodeURIComponent(engine)} id={decodeURIComponent(id)}>
      {children}
    </ContainerShell>
  );
}
