import { ProcessesTab } from '@/components/containers/processes/processes-tab';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <ProcessesTab engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />;
}
