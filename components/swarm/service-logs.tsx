'use client';
// A service's log, live: every task's lines merged by the manager, each marked with its task and node, in the same
// viewer as a container's log.
import { useMemo } from 'react';
import { LogViewer } from '@/components/logs/log-viewer';
import type { LogSource } from '@/components/logs/use-log-stream';

export function ServiceLogs({ engine, id }: { engine: string; id: string }) {
  const sources = useMemo<LogSource[]>(() => [{ engine, id, kind: 'service' }], [engine, id]);
  return <LogViewer sources={sources} />;
}
