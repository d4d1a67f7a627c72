import { ImageDetail } from '@/components/images/image-detail';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <ImageDetail engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />;
}
