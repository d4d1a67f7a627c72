// Pull and push through images.pull / images.push against the private engine and the private registry with sign-in.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { buildLayeredImage } from '@/test/layered-image';
import { closedPort, collect, registryDigest, signInFor, startHangingServer, unwrap } from '@/test/transfer';
import { operations } from './operations';

const host = inject('registryHost');
const user = inject('registryUser');
const password = inject('registryPassword');
const api = testDocker();
const signedIn = testRegistry();
signInFor(signedIn, host, user, password);

const repo = `${host}/berth/${uniqueName('layers')}`;
const ref = `${repo}:v1`;

beforeAll(async () => {
  await buildLayeredImage(api, ref, { layers: 3, bytesPerLayer: 2_000_000 });
}, 120_000);

afterAll(async () => {
  await api.getImage(ref).remove({ force: true }).catch(() => {});
  await operations.cancelAll();
});

/** Unix sockets this process holds open: Berth's connections to the engine. */
function engineSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap').length;
}

describe('push and pull', () => {
  it('pushes with per-layer progress and the registry digest, then pulls it back', async () => {
    const caller = await testCaller(undefined, signedIn);
    const pushed = await collect(await caller.images.push({ engine: 'default', ref }));
    const last = pushed.snapshots.at(-1)!;
    expect(last.state, last.error?.message).toBe('done');
    expect(last.kind).toBe('push');
    // Each of the three RUN layers was seen on its own, and every layer ended as pushed or already there.
    expect(last.layers.length).toBeGreaterThanOrEqual(3);
    expect(last.layers.every((l) => l.done)).toBe(true);
    expect(pushed.snapshots.some((s) => s.layers.some((l) => l.status === 'Pushing' || l.status === 'Pushed'))).toBe(true);
    expect(last.total).toBeGreaterThanOrEqual(3 * 2_000_000);
    expect(last.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(last.digest).toBe(await registryDigest(host, repo.slice(host.length + 1), 'v1', { user, password }));

    await api.getImage(ref).remove({ force: true });
    const pulled = await collect(await caller.images.pull({ engine: 'default', ref }));
    const end = pulled.snapshots.at(-1)!;
    expect(end.state, end.error?.message).toBe('done');
    expect(end.digest).toBe(last.digest);
    const downloaded = end.layers.filter((l) => l.status === 'Pull complete');
    expect(downloaded.length).toBeGreaterThanOrEqual(3);
    expect(end.current).toBe(end.total);
    expect((await api.getImage(ref).inspect()).RepoTags).toContain(ref);
  }, 120_000);

  it('says access was denied, and by which registry, without a sign-in', async () => {
    const caller = await testCaller();
    const { snapshots } = await collect(await caller.images.pull({ engine: 'default', ref }));
    const end = snapshots.at(-1)!;
    expect(end.state).toBe('failed');
    expect(end.error).toMatchObject({ reason: 'denied', registry: host });
    expect(end.error!.message).toContain(`sign in to ${host}`);
  });

  it('says a missing tag was not found', async () => {
    const caller = await testCaller(undefined, signedIn);
    const { snapshots } = await collect(await caller.images.pull({ engine: 'default', ref: `${repo}:missing` }));
    expect(snapshots.at(-1)!.error).toMatchObject({ reason: 'not-found' });
    expect(snapshots.at(-1)!.error!.message).toMatch(/was not found on/);
  });

  it('says when the registry cannot be reached from the engine', async () => {
    const caller = await testCaller();
    const port = await closedPort();
    const { snapshots } = await collect(await caller.images.pull({ engine: 'default', ref: `127.0.0.1:${port}/nothing/here:1` }));
    expect(snapshots.at(-1)!.error).toMatchObject({ reason: 'unreachable', registry: `127.0.0.1:${port}` });
  }, 60_000);

  it('cancels a pull from a registry that hangs, promptly and without leaving a connection', async () => {
    const hanging = await startHangingServer();
    try {
      const caller = await testCaller();
      const before = engineSockets();
      const sub = await caller.images.pull({ engine: 'default', ref: `${hanging.host}/slow/image:1` });
      const it = sub[Symbol.asyncIterator]();
      const first = await it.next();
      const opId = unwrap(first.value).opId;
      // Wait until the engine is stuck on the registry, so the cancel really has something to stop.
      for (let i = 0; i < 100 && hanging.accepted() === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(hanging.accepted()).toBeGreaterThan(0);
      expect(engineSockets()).toBeGreaterThan(before);
      const t0 = performance.now();
      const cancelled = await caller.images.cancelOperation({ opId });
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(cancelled.state).toBe('cancelled');
      const rest = await collect({ [Symbol.asyncIterator]: () => it });
      expect(rest.snapshots.at(-1)?.state ?? 'cancelled').toBe('cancelled');
      // Berth's request to the engine is gone (dockerd 20.10 itself keeps its registry ping open until that answers).
      for (let i = 0; i < 40 && engineSockets() > before; i++) await new Promise((r) => setTimeout(r, 50));
      expect(engineSockets()).toBeLessThanOrEqual(before);
      expect((await caller.images.operations()).find((o) => o.opId === opId)?.state).toBe('cancelled');
    } finally {
      await hanging.stop();
    }
  }, 60_000);
});
