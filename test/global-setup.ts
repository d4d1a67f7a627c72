// vitest global setup: one private Docker Engine with the busybox test image for every integration test.
import type { TestProject } from 'vitest/node';
import { ensureNetwork, importBusybox, startTestEngine } from './engine';
import { startTestRegistry } from './registry';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerSocket: string;
    /** A private registry with sign-in: "127.0.0.1:PORT", its user and password. */
    registryHost: string;
    registryUser: string;
    registryPassword: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = await startTestEngine();
  await importBusybox(engine.api);
  await ensureNetwork(engine.api);
  project.provide('dockerSocket', engine.socket);
  const registry = await startTestRegistry().catch(async (err: unknown) => {
    await engine.stop();
    throw err;
  });
  project.provide('registryHost', registry.host);
  project.provide('registryUser', registry.user);
  project.provide('registryPassword', registry.password);
  return async () => {
    await registry.stop();
    await engine.stop();
  };
}
