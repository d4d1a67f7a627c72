import { ContainerTab } from '@/components/containers/detail/tabs';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <ContainerTab engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} tab="inspect" />;
}
