// Helpers for pull and push tests: sign-ins in a test registry's docker config, the registry's own digest, a hanging server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { type Server, type Socket, createServer } from 'node:net';
import { join } from 'node:path';
import type { EngineRegistry } from '@/server/engines/registry';
import type { TransferSnapshot } from '@/lib/transfer';

/** Writes `user:password` for `host` into the engine registry's docker config, as `docker login` would. */
export function signInFor(registry: EngineRegistry, host: string, user: string, password: string): void {
  mkdirSync(registry.dockerConfigDir, { recursive: true });
  const auth = Buffer.from(`${user}:${password}`).toString('base64');
  writeFileSync(join(registry.dockerConfigDir, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
}

/** The manifest digest the registry itself reports for name:tag. */
export async function registryDigest(host: string, name: string, tag: string, creds?: { user: string; password: string }): Promise<string | null> {
  const res = await fetch(`http://${host}/v2/${name}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
      ...(creds ? { authorization: `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}` } : {}),
    },
  });
  return res.headers.get('docker-content-digest');
}

/** A TCP server that accepts connections and never says a word: a registry that hangs. */
export async function startHangingServer(): Promise<{ host: string; open(): number; accepted(): number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    open: () => sockets.size,
    accepted: () => accepted,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A port nothing listens on: one the system gave out and that was closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Reads a subscription of tracked snapshots to its end. */
export async function collect(sub: AsyncIterable<unknown>, onSnapshot?: (s: TransferSnapshot) => boolean | void): Promise<{ snapshots: TransferSnapshot[]; times: number[] }> {
  const snapshots: TransferSnapshot[] = [];
  const times: number[] = [];
  for await (const event of sub) {
    const s = unwrap(event);
    snapshots.push(s);
    times.push(performance.now());
    if (onSnapshot?.(s) === false) break;
  }
  return { snapshots, times };
}

/** A snapshot from what a caller's subscription yields: tRPC's tracked envelope is [id, data, marker]. */
export function unwrap(event: unknown): TransferSnapshot {
  if (Array.isArray(event)) return event[1] as TransferSnapshot;
  const e = event as { data?: TransferSnapshot };
  return (e.data ?? event) as TransferSnapshot;
}
