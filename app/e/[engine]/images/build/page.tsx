import type { Metadata } from 'next';
import { BuildPage } from '@/components/images/build-page';

export const metadata: Metadata = { title: 'Build an image' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return <BuildPage engine={decodeURIComponent(engine)} />;
}
