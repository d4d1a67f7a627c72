// vitest global setup: one private Docker Engine with the busybox test image for every integration test.
import type { TestProject } from 'vitest/node';
import { ensureNetwork, importBusybox, startTestEngine } from './engine';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerSocket: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = await startTestEngine();
  await importBusybox(engine.api);
  await ensureNetwork(engine.api);
  project.provide('dockerSocket', engine.socket);
  return () => engine.stop();
}
