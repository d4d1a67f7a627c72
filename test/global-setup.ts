// vitest global setup: one private Docker Engine with the busybox test image for every integration test.
import type { TestProject } from 'vitest/node';
import { ensureNetwork, importBusybox, startTestEngine } from './engine';
import { startTestRegistry } from './registry';
import { startTestSwarm } from './swarm';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerSocket: string;
    /** A private registry with sign-in: "127.0.0.1:PORT", its user and password. */
    registryHost: string;
    registryUser: string;
    registryPassword: string;
    /** Sockets of a three-node swarm's manager (node 1) and of one of its workers (node 2). */
    swarmManager: string;
    swarmWorker: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The swarm takes longest to start: it runs alongside the engine and the registry.
  const swarmStarting = startTestSwarm();
  swarmStarting.catch(() => undefined);
  const stopSwarm = (): Promise<void> => swarmStarting.then((s) => s.stop(), () => undefined);
  const engine = await startTestEngine().catch(async (err: unknown) => {
    await stopSwarm();
    throw err;
  });
  await importBusybox(engine.api);
  await ensureNetwork(engine.api);
  project.provide('dockerSocket', engine.socket);
  const registry = await startTestRegistry().catch(async (err: unknown) => {
    await Promise.all([engine.stop(), stopSwarm()]);
    throw err;
  });
  project.provide('registryHost', registry.host);
  project.provide('registryUser', registry.user);
  project.provide('registryPassword', registry.password);
  const swarm = await swarmStarting.catch(async (err: unknown) => {
    await Promise.all([registry.stop(), engine.stop()]);
    throw err;
  });
  project.provide('swarmManager', swarm.manager);
  project.provide('swarmWorker', swarm.worker);
  return async () => {
    await Promise.all([swarm.stop(), registry.stop(), engine.stop()]);
  };
}
