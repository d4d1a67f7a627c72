import { afterAll, describe, expect, it } from 'vitest';
import { runContainer, testCaller, testDocker, uniqueName } from '@/test/harness';

const docker = testDocker();
const containers: string[] = [];
const images: string[] = [];
const volumes: string[] = [];

afterAll(async () => {
  await Promise.all(containers.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await Promise.all(images.map((id) => docker.getImage(id).remove({ force: true }).catch(() => {})));
  await Promise.all(volumes.map((v) => docker.getVolume(v).remove().catch(() => {})));
});

async function rawDf(): Promise<{ LayersSize: number; Images: { Id: string; Size: number; SharedSize: number; Containers: number }[]; Containers: { Id: string; SizeRw: number }[]; Volumes: { Name: string; UsageData: { Size: number; RefCount: number } }[] }> {
  return (await docker.df()) as never;
}

describe('system.df', () => {
  it('matches the engine’s own figures, with shared layers counted once', async () => {
    // A child image sharing the base layer, a container with writable-layer data, a volume with data.
    const base = await runContainer(docker, { name: uniqueName('df-base'), cmd: ['sh', '-c', 'dd if=/dev/zero of=/tmp/blob bs=1024 count=300 2>/dev/null'] });
    containers.push(base.id);
    await base.wait();
    const child = (await base.commit({ repo: `berth-test/df-child-${Date.now()}`, tag: 'v1' })) as { Id: string };
    images.push(child.Id);
    const vol = uniqueName('df-vol');
    volumes.push(vol);
    const writer = await runContainer(docker, { name: uniqueName('df-writer'), binds: [`${vol}:/data`], cmd: ['sh', '-c', 'dd if=/dev/zero of=/data/blob bs=1024 count=200 2>/dev/null'] });
    containers.push(writer.id);
    await writer.wait();

    const df = await (await testCaller()).system.df({ engine: 'default', fresh: true });
    const raw = await rawDf();
    expect(df.totals.images.size).toBe(raw.LayersSize);
    const mine = df.images.find((i) => i.id === child.Id)!;
    const rawMine = raw.Images.find((i) => i.Id === child.Id)!;
    expect(mine.size).toBe(rawMine.Size);
    expect(mine.sharedSize).toBe(rawMine.SharedSize);
    expect(mine.sharedSize).toBeGreaterThan(0);
    expect(mine.uniqueSize).toBe(rawMine.Size - rawMine.SharedSize);
    expect(mine.uniqueSize).toBeGreaterThanOrEqual(300 * 1024);
    // Shared layers once: the total is less than the sum of image sizes.
    expect(df.totals.images.size).toBeLessThan(df.images.reduce((n, i) => n + i.size, 0));
    expect(df.containers.find((c) => c.id === base.id)!.sizeRw).toBe(raw.Containers.find((c) => c.Id === base.id)!.SizeRw);
    expect(df.volumes.find((v) => v.name === vol)).toMatchObject({ size: raw.Volumes.find((v) => v.Name === vol)!.UsageData.Size, links: 1 });
    expect(df.volumes.find((v) => v.name === vol)!.size).toBeGreaterThanOrEqual(200 * 1024);
    expect(df.totals.containers.reclaimable).toBeGreaterThanOrEqual(300 * 1024);
  });

  it('previews exactly what the prune then removes, and never a volume in use', async () => {
    const stopped = await runContainer(docker, { name: uniqueName('prune-stopped'), cmd: ['true'] });
    containers.push(stopped.id);
    await stopped.wait();
    const running = await runContainer(docker, { name: uniqueName('prune-running') });
    containers.push(running.id);
    const inUse = uniqueName('prune-inuse');
    const unused = uniqueName('prune-unused');
    volumes.push(inUse, unused);
    await docker.createVolume({ Name: unused });
    const holder = await runContainer(docker, { name: uniqueName('prune-holder'), binds: [`${inUse}:/data`] });
    containers.push(holder.id);

    const caller = await testCaller();
    const options = { images: 'none' as const, containersOlderThanHours: 0, volumes: true, networks: false, buildCache: false };
    const preview = await caller.system.prunePreview({ engine: 'default', options });
    const names = preview.items.map((i) => i.name);
    expect(preview.items.map((i) => i.id)).toContain(stopped.id);
    expect(names).toContain(unused);
    expect(names).not.toContain(inUse);
    expect(preview.items.some((i) => i.id === running.id)).toBe(false);

    const result = await caller.system.prune({ engine: 'default', items: preview.items, containersOlderThanHours: 0 });
    expect(result.removed.map((i) => i.id).sort()).toEqual(preview.items.map((i) => i.id).filter((id) => !result.skipped.some((s) => s.id === id)).sort());
    expect(result.failed).toEqual([]);
    await expect(docker.getVolume(inUse).inspect()).resolves.toMatchObject({ Name: inUse });
    await expect(docker.getVolume(unused).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await running.inspect()).State.Running).toBe(true);
  });

  it('skips, with a sentence, an item that changed since the preview', async () => {
    const c = await runContainer(docker, { name: uniqueName('prune-changed'), cmd: ['sleep', '3600'] });
    containers.push(c.id);
    await c.stop({ t: 0 });
    const caller = await testCaller();
    const preview = await caller.system.prunePreview({ engine: 'default', options: { images: 'none', containersOlderThanHours: 0, volumes: false, networks: false, buildCache: false } });
    const item = preview.items.find((i) => i.id === c.id)!;
    expect(item).toBeTruthy();
    await c.start();
    const result = await caller.system.prune({ engine: 'default', items: [item], containersOlderThanHours: 0 });
    expect(result.removed).toEqual([]);
    expect(result.skipped[0]!.reason).toMatch(/is running now/);
    expect((await c.inspect()).State.Running).toBe(true);
  });

  it('refuses an unknown engine and bad input with sentences', async () => {
    const caller = await testCaller();
    await expect(caller.system.df({ engine: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.system.prune({ engine: 'default', items: [], containersOlderThanHours: null })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('choose something to remove') });
  });
});
