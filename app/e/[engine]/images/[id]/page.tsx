import type { Metadata } from 'next';
import { ImageDetail } from '@/components/images/image-detail';

export const metadata: Metadata = { title: 'Image' };

// `id` is a bare image id or an encoded repo:tag such as berth-test%2Fbusybox%3Alatest.
export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return <ImageDetail engine={decodeURIComponent(engine)} id={decodeURIComponent(id)} />;
}
