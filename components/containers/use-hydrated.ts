'use client';
// False while the server-rendered HTML is being hydrated, true after: for values the server cannot know.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * The role comes from a query another component may already have finished when a Suspense boundary
 * hydrates; reading it only after hydration keeps the first client render equal to the server's.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
