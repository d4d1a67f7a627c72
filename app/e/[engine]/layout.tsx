import type { ReactNode } from 'react';
import { EngineEvents } from '@/components/shell/engine-events';
import { Sidebar } from '@/components/shell/sidebar';
import { ToastProvider } from '@/components/ui/toast';

export default async function EngineLayout({ children, params }: { children: ReactNode; params: Promise<{ engine: string }> }) {
  const { engine } = await params;
  const name = decodeURIComponent(engine);
  return (
    <ToastProvider>
      <EngineEvents engine={name}>
        <div className="flex h-dvh overflow-hidden">
          <Sidebar engine={name} />
          <main id="main" tabIndex={-1} className="flex min-w-0 flex-1 flex-col overflow-hidden focus:outline-none">{children}</main>
        </div>
      </EngineEvents>
    </ToastProvider>
  );
}
