'use client';
// False during server rendering and hydration, true after: lets a Suspense boundary that hydrates late
// render what the server rendered, even when shared queries (who am I, engines) have answered meanwhile.
import { useSyncExternalStore } from 'react';

const noop = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
