// Berth's services for tests and benchmarks that call the router directly: a throwaway access store and VM home.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Access } from '@/server/auth/access';
import type { Services } from '@/server/context';
import type { EngineRegistry } from '@/server/engines/registry';
import { VmManager } from '@/server/vm/manager';

let shared: Omit<Services, 'registry'> | undefined;

/** One Access (SQLite in a temp home) and one VmManager (a VM never built) per process, with `registry`. */
export function testServices(registry: EngineRegistry): Services {
  if (!shared) {
    const home = mkdtempSync(join(tmpdir(), 'berth-services-'));
    shared = {
      access: new Access({ home }),
      vm: new VmManager({ home, root: process.cwd(), registry, env: { DOCKER_CONFIG: home } as unknown as NodeJS.ProcessEnv }),
    };
  }
  return { ...shared, registry };
}
