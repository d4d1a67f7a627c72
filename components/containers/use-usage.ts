'use client';
// Live CPU and memory of every running container on the engine: one statsAll stream while the tab is visible.
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useState } from 'react';
import type { RouterOutputs, Yielded } from '@/lib/router-types';
import { useTRPC } from '@/lib/trpc';

/** One running container's latest figures, as containers.statsAll delivers them. */
export type Usage = Yielded<RouterOutputs['containers']['statsAll']>[string];

const NONE: Record<string, Usage> = {};

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    update();
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/** The latest sample per container id; empty until the first one arrives, and while the tab is hidden. */
export function useUsage(engine: string): Record<string, Usage> {
  const trpc = useTRPC();
  const visible = usePageVisible();
  const [usage, setUsage] = useState(NONE);
  useSubscription(trpc.containers.statsAll.subscriptionOptions({ engine }, { enabled: visible, onData: setUsage }));
  // Figures from before the tab was hidden are stale; show none rather than old ones.
  useEffect(() => {
    if (!visible) setUsage(NONE);
  }, [visible]);
  return usage;
}
