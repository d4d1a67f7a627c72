// The operations list: coalesced snapshots, pulls that outlive their subscriber, admins only, references as sentences.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { buildLayeredImage } from '@/test/layered-image';
import { collect, signInFor, unwrap } from '@/test/transfer';
import { operations } from './operations';
import { TransferProgress } from './progress';

const host = inject('registryHost');
const api = testDocker();
const signedIn = testRegistry();
signInFor(signedIn, host, inject('registryUser'), inject('registryPassword'));
const ref = `${host}/berth/${uniqueName('many')}:v1`;

beforeAll(async () => {
  // Many layers of a few MB give the engine hundreds of progress lines a second to send.
  await buildLayeredImage(api, ref, { layers: 12, bytesPerLayer: 4_000_000 });
}, 180_000);

afterAll(async () => {
  await api.getImage(ref).remove({ force: true }).catch(() => {});
  await operations.cancelAll();
});

describe('operations', () => {
  it('sends at most about ten snapshots a second, and always the last one', async () => {
    const caller = await testCaller(undefined, signedIn);
    const { snapshots, times } = await collect(await caller.images.push({ engine: 'default', ref }));
    expect(snapshots.at(-1)!.state, snapshots.at(-1)!.error?.message).toBe('done');
    expect(snapshots.at(-1)!.layers.length).toBeGreaterThanOrEqual(12);
    // In any one second, no more than 11 snapshots (ten, and the final one).
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(11);
    }
    expect(snapshots.filter((s) => s.state !== 'running')).toHaveLength(1);
  }, 120_000);

  it('keeps pulling when the subscriber goes away, and lists it until it ends', async () => {
    await api.getImage(ref).remove({ force: true });
    const leave = new AbortController();
    const caller = await testCaller(undefined, signedIn, leave.signal);
    const sub = await caller.images.pull({ engine: 'default', ref });
    const first = await sub[Symbol.asyncIterator]().next();
    const opId = unwrap(first.value).opId;
    leave.abort();
    const admin = await testCaller(undefined, signedIn);
    const listed = await admin.images.operations();
    expect(listed.find((o) => o.opId === opId)?.state).toBe('running');
    // Running ones come first.
    expect(listed[0]!.state).toBe('running');
    const again = await collect(await admin.images.watchOperation({ opId }));
    expect(again.snapshots.at(-1)!.state).toBe('done');
    expect((await admin.images.operations()).find((o) => o.opId === opId)?.state).toBe('done');
    expect((await api.getImage(ref).inspect()).RepoTags).toContain(ref);
  }, 120_000);

  it('lets only admins pull, push, list, watch and cancel', async () => {
    const viewer = await testCaller({ name: 'v', role: 'viewer' });
    const opId = '00000000-0000-4000-8000-000000000000';
    await expect(viewer.images.pull({ engine: 'default', ref: 'busybox:latest' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.images.push({ engine: 'default', ref })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.images.operations()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.images.watchOperation({ opId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.images.cancelOperation({ opId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers malformed references with a sentence', async () => {
    const caller = await testCaller();
    for (const bad of ['UPPER/case', 'a:b:c', 'x'.repeat(300)]) {
      await expect(caller.images.pull({ engine: 'default', ref: bad })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/is not an image reference such as/) });
    }
    await expect(caller.images.push({ engine: 'default', ref: 'a'.repeat(64) })).rejects.toThrow(/Push needs a tagged reference/);
    await expect(caller.images.push({ engine: 'default', ref: 'busybox' })).rejects.toThrow(/Push needs a tagged reference/);
    await expect(caller.images.pull({ engine: 'default', ref: 'x'.repeat(600) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('TransferProgress', () => {
  it('follows a layer from download to extraction and counts bytes moved', () => {
    const p = new TransferProgress('pull');
    p.apply({ status: 'Pulling from library/app', id: 'latest' });
    p.apply({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa', progressDetail: {} });
    p.apply({ status: 'Already exists', id: 'bbbbbbbbbbbb', progressDetail: {} });
    p.apply({ status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: { current: 400, total: 1000 } });
    expect(p.snapshot()).toMatchObject({ current: 400, total: 1000, layers: [{ id: 'aaaaaaaaaaaa', status: 'Downloading', current: 400, total: 1000, done: false }, { id: 'bbbbbbbbbbbb', done: true }] });
    p.apply({ status: 'Extracting', id: 'aaaaaaaaaaaa', progressDetail: { current: 100, total: 1000 } });
    expect(p.snapshot().current).toBe(1000);
    p.apply({ status: 'Pull complete', id: 'aaaaaaaaaaaa', progressDetail: {} });
    p.apply({ status: `Digest: sha256:${'c'.repeat(64)}` });
    expect(p.digest).toBe(`sha256:${'c'.repeat(64)}`);
    expect(p.snapshot().layers[0]).toMatchObject({ done: true, current: 1000, total: 1000 });
    expect(p.message).toBe(`Digest: sha256:${'c'.repeat(64)}`);
  });

  it('takes the digest of a push and keeps an error line', () => {
    const p = new TransferProgress('push');
    p.apply({ status: `v1: digest: sha256:${'d'.repeat(64)} size: 1234` });
    expect(p.digest).toBe(`sha256:${'d'.repeat(64)}`);
    p.apply({ errorDetail: { message: 'no space left on device' }, error: 'no space left on device' });
    expect(p.error).toBe('no space left on device');
  });
});
