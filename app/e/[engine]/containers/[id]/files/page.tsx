import { FilesTab } from '@/components/containers/files/files-tab';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <FilesTab engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />;
}
