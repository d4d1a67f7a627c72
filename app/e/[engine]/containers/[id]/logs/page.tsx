import { Suspense } from 'react';
import { LogViewer } from '@/components/logs/log-viewer';

export default async function Page({ params }: { params: Promise<{ engine: string; id: string }> }) {
  const { engine, id } = await params;
  return (
    <Suspense>
      <LogViewer sources={[{ engine: decodeURIComponent(engine), id: decodeURIComponent(id) }]} />
    </Suspense>
  );
}
