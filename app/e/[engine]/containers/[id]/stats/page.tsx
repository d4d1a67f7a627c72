import { ContainerStats } from '@/components/stats/container-stats';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <ContainerStats engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />;
}
