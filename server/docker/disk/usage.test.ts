// Integration: system.df against the engine's own GET /system/df, and preview → prune on the private engine.
import { afterAll, describe, expect, it } from 'vitest';
import { runContainer, testCaller, testDocker, uniqueName } from '@/test/harness';

const docker = testDocker();
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
});

interface RawDf {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number; Containers: number }[];
  Containers: { Id: string; SizeRw?: number; State: string }[];
  Volumes: { Name: string; UsageData: { Size: number; RefCount: number } }[];
}
const rawDf = async () => (await docker.df()) as RawDf;

/** A container from `image` that writes `kb` kB at `path`, then exits. */
async function writer(image: string, path: string, kb: number, binds?: string[]) {
  const c = await docker.createContainer({ name: uniqueName('df-w'), Image: image, Cmd: ['sh', '-c', `dd if=/dev/urandom of=${path} bs=1024 count=${kb} 2>/dev/null`], HostConfig: { Binds: binds } });
  cleanup.push(() => c.remove({ force: true }));
  await c.start();
  await c.wait();
  return c;
}

async function commit(c: Awaited<ReturnType<typeof writer>>, repo: string): Promise<string> {
  const { Id } = (await c.commit({ repo, tag: 'v1' })) as { Id: string };
  cleanup.push(() => docker.getImage(Id).remove({ force: true }));
  return Id;
}

describe('system.df', () => {
  it('reports what the engine’s own df reports, shared layers counted once', async () => {
    // child shares the base layer; grand-a and grand-b are two commits of one container: every layer shared.
    const a = await writer('berth-test/busybox:latest', '/a', 300);
    const child = await commit(a, uniqueName('berth-test/df-child'));
    const b = await writer(child, '/b', 120);
    const grandA = await commit(b, uniqueName('berth-test/df-grand-a'));
    const grandB = await commit(b, uniqueName('berth-test/df-grand-b'));
    const vol = uniqueName('df-vol');
    cleanup.push(() => docker.getVolume(vol).remove());
    await writer('berth-test/busybox:latest', '/data/blob', 200, [`${vol}:/data`]);

    const df = await (await testCaller()).system.df({ engine: 'default', fresh: true });
    const raw = await rawDf();
    expect(df.totals.images.size).toBe(raw.LayersSize);
    for (const id of [child, grandA, grandB]) {
      const mine = df.images.find((i) => i.id === id)!;
      const theirs = raw.Images.find((i) => i.Id === id)!;
      expect(mine).toMatchObject({ size: theirs.Size, sharedSize: theirs.SharedSize, uniqueSize: theirs.Size - theirs.SharedSize, containers: theirs.Containers });
    }
    expect(df.images.find((i) => i.id === child)!.sharedSize).toBeGreaterThanOrEqual(300 * 1024);
    expect(df.images.find((i) => i.id === grandA)!.uniqueSize).toBe(0);
    expect(df.totals.images.size).toBeLessThan(df.images.reduce((n, i) => n + i.size, 0));
    // The CLI's reclaimable: all layers minus what images with containers hold uniquely.
    const used = raw.Images.filter((i) => i.Containers > 0).reduce((n, i) => n + i.Size - i.SharedSize, 0);
    expect(df.totals.images.reclaimable).toBe(raw.LayersSize - used);
    expect(df.containers.find((c) => c.id === a.id)!.sizeRw).toBe(raw.Containers.find((c) => c.Id === a.id)!.SizeRw);
    expect(df.containers.find((c) => c.id === a.id)!.sizeRw).toBeGreaterThanOrEqual(300 * 1024);
    expect(df.totals.containers.size).toBe(raw.Containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0));
    const v = raw.Volumes.find((x) => x.Name === vol)!.UsageData;
    expect(df.volumes.find((x) => x.name === vol)).toMatchObject({ size: v.Size, links: v.RefCount });
    expect(v.Size).toBeGreaterThanOrEqual(200 * 1024);
  });

  it('shares one engine call between concurrent callers, and computes anew when asked for something newer', async () => {
    const caller = await testCaller();
    const [x, y] = await Promise.all([caller.system.df({ engine: 'default', fresh: true }), caller.system.df({ engine: 'default', fresh: true })]);
    expect(x.startedAt).toBe(y.startedAt);
    const cached = await caller.system.df({ engine: 'default' });
    expect(cached.startedAt).toBe(x.startedAt);
    const newer = await caller.system.df({ engine: 'default', after: x.startedAt });
    expect(newer.startedAt).toBeGreaterThan(x.startedAt);
    const view = await caller.system.dfView({ engine: 'default', after: newer.startedAt, waitMs: 10_000 });
    expect(view.computing).toBeNull();
    expect(view.usage!.startedAt).toBeGreaterThan(newer.startedAt);
  });

  it('refuses an unknown engine and bad input with sentences', async () => {
    const caller = await testCaller();
    await expect(caller.system.df({ engine: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('There is no engine called "nope"') });
    await expect(caller.system.prunePreview({ engine: 'nope', options: { images: 'none', containersOlderThanHours: null, volumes: false, networks: false, buildCache: false } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.system.prune({ engine: 'default', items: [], cutoff: null })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('choose something to remove') });
    await expect(caller.system.prune({ engine: 'default', items: [{ kind: 'volume', id: '../etc', name: 'x', size: 0, detail: '' }], cutoff: null })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('must be an id or a name') });
    const viewer = await testCaller({ name: 'v', role: 'viewer' });
    await expect(viewer.system.prune({ engine: 'default', items: [{ kind: 'volume', id: 'x', name: 'x', size: 0, detail: '' }], cutoff: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const gone = await caller.system.prune({ engine: 'default', items: [{ kind: 'volume', id: uniqueName('never-there'), name: 'ghost', size: 0, detail: '' }], cutoff: null });
    expect(gone.skipped[0]!.reason).toBe('Skipped: volume ghost is already gone.');
  });
});
