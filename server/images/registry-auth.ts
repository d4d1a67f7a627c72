// The X-Registry-Auth header a pull or push of `ref` sends, from the sign-ins Berth shares with the docker CLI.
import type { EngineRegistry } from '@/server/engines/registry';

export async function transferAuth(_registry: EngineRegistry, _ref: string): Promise<string | undefined> {
  return undefined;
}
