// Helpers for integration tests: a tRPC caller wired to the private engine, and containers to act on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { inject } from 'vitest';
import { createContextInner } from '@/server/context';
import { EngineRegistry } from '@/server/engines/registry';
import { appRouter } from '@/server/routers/_app';
import { createCallerFactory } from '@/server/trpc';
import type { User } from '@/server/auth/access';
import { TEST_IMAGE } from './engine';
import { testServices } from './services';

export { TEST_IMAGE };

export function testDocker(): Docker {
  return new Docker({ socketPath: inject('dockerSocket') });
}

/** A registry whose "default" engine is the private test engine and that sees no docker contexts of the machine. */
export function testRegistry(extraEnv: Record<string, string> = {}): EngineRegistry {
  const empty = mkdtempSync(join(tmpdir(), 'berth-dockercfg-'));
  return new EngineRegistry({ env: { DOCKER_CONFIG: empty, ...extraEnv } as unknown as NodeJS.ProcessEnv, homeDir: empty, socketPath: inject('dockerSocket') });
}

const createCaller = createCallerFactory(appRouter);

/** `signal` ends the caller's subscriptions, as a closed connection would. */
export async function testCaller(user: User | null = { name: 'admin', role: 'admin' }, registry = testRegistry(), signal?: AbortSignal) {
  return createCaller(await createContextInner({ ...testServices(registry), user }), { signal });
}

let counter = 0;
/** A unique name for objects a test creates, so tests never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
}

export async function runContainer(api: Docker, opts: { name?: string; cmd?: string[]; labels?: Record<string, string>; start?: boolean; binds?: string[]; network?: string; ports?: Record<string, { HostPort: string; HostIp?: string }[]> } = {}) {
  const exposed = Object.fromEntries(Object.keys(opts.ports ?? {}).map((k) => [k, {}]));
  const c = await api.createContainer({
    name: opts.name ?? uniqueName('c'),
    Image: TEST_IMAGE,
    Cmd: opts.cmd ?? ['sleep', '3600'],
    Labels: opts.labels,
    ExposedPorts: exposed,
    StopSignal: 'SIGKILL',
    HostConfig: { Binds: opts.binds, NetworkMode: opts.network, PortBindings: opts.ports },
  });
  if (opts.start !== false) await c.start();
  return c;
}
