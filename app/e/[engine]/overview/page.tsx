import type { Metadata } from 'next';
import { OverviewPage } from '@/components/engine/overview-page';

export const metadata: Metadata = { title: 'Engine' };

export default async function Page({ params }: { params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  return <OverviewPage engine={decodeURIComponent(engine)} />;
}
