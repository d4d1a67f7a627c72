// The X-Registry-Auth header a pull or push of `ref` sends, from the sign-ins Berth shares with the docker CLI.
import type { EngineRegistry } from '@/server/engines/registry';
import { registryAuthHeader } from '@/server/registries/auth-header';

export function transferAuth(registry: EngineRegistry, ref: string): Promise<string | undefined> {
  return registryAuthHeader({ registry }, ref);
}
