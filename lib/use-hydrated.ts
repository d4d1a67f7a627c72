'use client';
// False during server rendering and hydration, true after: for what the server cannot know (the role, shared queries).
import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * A Suspense boundary that hydrates late must first render what the server rendered, even when a shared query
 * (who am I, engines) has answered meanwhile; reading such values only after hydration keeps the two equal.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
