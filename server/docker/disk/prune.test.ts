// Integration: the cleanup preview lists exactly what the prune then removes, frees what it said, and spares what is in use.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { TEST_IMAGE, runContainer, testCaller, testDocker, uniqueName } from '@/test/harness';

const docker = testDocker();
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
});

async function writer(image: string, path: string, kb: number, binds?: string[]) {
  const c = await docker.createContainer({ name: uniqueName('prune-w'), Image: image, Cmd: ['sh', '-c', `dd if=/dev/urandom of=${path} bs=1024 count=${kb} 2>/dev/null`], HostConfig: { Binds: binds } });
  cleanup.push(() => c.remove({ force: true }));
  await c.start();
  await c.wait();
  return c;
}

async function commit(c: Awaited<ReturnType<typeof writer>>, repo?: string): Promise<string> {
  const { Id } = (await c.commit(repo ? { repo, tag: 'v1' } : {})) as { Id: string };
  cleanup.push(() => docker.getImage(Id).remove({ force: true }));
  return Id;
}

async function totals() {
  const raw = (await docker.df()) as { LayersSize: number; Containers: { SizeRw?: number }[]; Volumes: { UsageData: { Size: number } }[] };
  return { images: raw.LayersSize, containers: raw.Containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0), volumes: raw.Volumes.reduce((n, v) => n + Math.max(0, v.UsageData.Size), 0) };
}

const none = { images: 'none', containersOlderThanHours: null, volumes: false, networks: false, buildCache: false } as const;

describe('system.prunePreview and system.prune', () => {
  it('removes exactly what the preview listed, frees what it said, and spares what is in use', async () => {
    const inUse = uniqueName('prune-inuse');
    const kept = uniqueName('prune-kept-net');
    cleanup.push(() => docker.getVolume(inUse).remove());
    cleanup.push(() => docker.getNetwork(kept).remove());
    await docker.createNetwork({ Name: kept });
    // A running holder keeps the base image, a volume with data and two networks in use.
    const holder = await runContainer(docker, { name: uniqueName('prune-holder'), binds: [`${inUse}:/data`], network: 'berth-test', cmd: ['sh', '-c', 'echo data > /data/f; sleep 3600'] });
    cleanup.push(() => holder.remove({ force: true }));
    await docker.getNetwork(kept).connect({ Container: holder.id });
    // Stopped containers with writable-layer data; images that share layers; a volume only a stopped container used.
    const a = await writer(TEST_IMAGE, '/a', 300);
    const child = await commit(a, uniqueName('berth-test/prune-child'));
    const b = await writer(child, '/b', 120);
    const grandA = await commit(b, uniqueName('berth-test/prune-grand-a'));
    const grandB = await commit(b, uniqueName('berth-test/prune-grand-b'));
    const unused = uniqueName('prune-unused');
    cleanup.push(() => docker.getVolume(unused).remove());
    const c = await writer(TEST_IMAGE, '/data/blob', 150, [`${unused}:/data`]);
    const spare = uniqueName('prune-net');
    cleanup.push(() => docker.getNetwork(spare).remove());
    await docker.createNetwork({ Name: spare });

    const caller = await testCaller();
    const preview = await caller.system.prunePreview({ engine: 'default', options: { images: 'unused', containersOlderThanHours: 0, volumes: true, networks: true, buildCache: false } });
    const ids = preview.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id, c.id, child, grandA, grandB, unused]));
    expect(preview.items.find((i) => i.kind === 'network' && i.name === spare)).toBeTruthy();
    for (const keep of [holder.id, inUse, kept, 'berth-test']) expect(preview.items.some((i) => i.id === keep || i.name === keep)).toBe(false);
    expect(preview.items.some((i) => i.kind === 'image' && i.tags?.includes(TEST_IMAGE))).toBe(false);
    // Children before their parents, so the engine never refuses a parent.
    expect(ids.indexOf(child)).toBeGreaterThan(Math.max(ids.indexOf(grandA), ids.indexOf(grandB)));
    expect(preview.approximate).toBe(false);
    // Shared layers count once: the three images free more than the sum of what each holds alone.
    expect(preview.byKind.image.bytes).toBeGreaterThanOrEqual(420 * 1024);

    const before = await totals();
    const result = await caller.system.prune({ engine: 'default', items: preview.items, cutoff: preview.cutoff });
    const after = await totals();
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.removed.map((i) => i.id)).toEqual(ids);
    expect(before.images - after.images).toBe(preview.byKind.image.bytes);
    expect(before.containers - after.containers).toBe(preview.byKind.container.bytes);
    expect(before.volumes - after.volumes).toBe(preview.byKind.volume.bytes);
    expect(result.freed).toBe(preview.bytes);
    expect((await holder.inspect()).State.Running).toBe(true);
    await expect(docker.getVolume(inUse).inspect()).resolves.toMatchObject({ Name: inUse });
    await expect(docker.getImage(TEST_IMAGE).inspect()).resolves.toBeTruthy();
    await expect(docker.getNetwork(kept).inspect()).resolves.toBeTruthy();
    await expect(docker.getVolume(unused).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getImage(child).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('skips, with a sentence, whatever changed since the preview', async () => {
    const started = await runContainer(docker, { name: uniqueName('prune-changed'), cmd: ['sleep', '3600'] });
    cleanup.push(() => started.remove({ force: true }));
    await started.stop({ t: 0 });
    const dangling = await commit(await writer(TEST_IMAGE, '/d', 10));
    const vol = uniqueName('prune-late');
    cleanup.push(() => docker.getVolume(vol).remove());
    await docker.createVolume({ Name: vol });
    const caller = await testCaller();
    const preview = await caller.system.prunePreview({ engine: 'default', options: { ...none, images: 'dangling', containersOlderThanHours: 0, volumes: true } });
    const mine = preview.items.filter((i) => [started.id, dangling, vol].includes(i.id));
    expect(mine.map((i) => i.kind).sort()).toEqual(['container', 'image', 'volume']);
    // Between preview and confirmation: the container starts, the image is tagged, a container takes the volume.
    await started.start();
    const tag = uniqueName('berth-test/prune-tagged');
    await docker.getImage(dangling).tag({ repo: tag, tag: 'v1' });
    const late = await runContainer(docker, { name: uniqueName('prune-late-user'), binds: [`${vol}:/data`] });
    cleanup.push(() => late.remove({ force: true }));

    const result = await caller.system.prune({ engine: 'default', items: mine, cutoff: preview.cutoff });
    expect(result.removed).toEqual([]);
    const reasons = result.skipped.map((s) => s.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Skipped: container prune-changed-\S+ is running now\.$/),
        expect.stringMatching(new RegExp(`^Skipped: image \\S+ was tagged ${tag}:v1 since the preview\\.$`)),
        expect.stringMatching(/^Skipped: volume prune-late-\S+ is used by prune-late-user-\S+ now\.$/),
      ]),
    );
    expect((await started.inspect()).State.Running).toBe(true);
    await expect(docker.getImage(dangling).inspect()).resolves.toBeTruthy();
    await expect(docker.getVolume(vol).inspect()).resolves.toBeTruthy();
  });

  it.skipIf(!existsSync('/usr/bin/docker'))('previews and removes unused build cache entries one by one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-build-'));
    writeFileSync(join(dir, 'blob'), Buffer.alloc(64 * 1024, 7));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY blob /blob\n');
    const tag = `${uniqueName('berth-test/built')}:v1`;
    try {
      await promisify(execFile)('/usr/bin/docker', ['-H', `unix://${inject('dockerSocket')}`, 'build', '-q', '-t', tag, dir], {
        env: { ...process.env, DOCKER_BUILDKIT: '1', DOCKER_CONFIG: dir },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    cleanup.push(() => docker.getImage(tag).remove({ force: true }));
    const caller = await testCaller();
    const df = await caller.system.df({ engine: 'default', fresh: true });
    expect(df.buildCache.length).toBeGreaterThan(0);
    const preview = await caller.system.prunePreview({ engine: 'default', options: { ...none, buildCache: true } });
    const expected = df.buildCache.filter((b) => !b.inUse && !b.shared).map((b) => b.id).sort();
    expect(preview.items.map((i) => i.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const result = await caller.system.prune({ engine: 'default', items: preview.items, cutoff: null });
    expect(result.removed.map((i) => i.id).sort()).toEqual(expected);
    const left = (await caller.system.df({ engine: 'default', fresh: true })).buildCache.map((b) => b.id);
    for (const id of expected) expect(left).not.toContain(id);
    // The image's own layers stay shared with the image and were not touched.
    await expect(docker.getImage(tag).inspect()).resolves.toBeTruthy();
  });

  it.skipIf(!existsSync('/usr/bin/docker'))('takes the classic builder’s untagged intermediate images along, and counts their layers', async () => {
    const holder = await runContainer(docker, { name: uniqueName('prune-base-holder') });
    cleanup.push(() => holder.remove({ force: true }));
    const dir = mkdtempSync(join(tmpdir(), 'berth-build-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN dd if=/dev/urandom of=/x bs=1024 count=40 2>/dev/null\nENV Q=1\nRUN dd if=/dev/urandom of=/y bs=1024 count=30 2>/dev/null\n`);
    const tag = `${uniqueName('berth-test/classic')}:v1`;
    try {
      await promisify(execFile)('/usr/bin/docker', ['-H', `unix://${inject('dockerSocket')}`, 'build', '--network', 'none', '-q', '-t', tag, dir], {
        env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: dir },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    cleanup.push(() => docker.getImage(tag).remove({ force: true }));
    const caller = await testCaller();
    const preview = await caller.system.prunePreview({ engine: 'default', options: { ...none, images: 'unused' } });
    const final = preview.items.find((i) => i.tags?.includes(tag))!;
    expect(final).toBeTruthy();
    const parents = preview.items.filter((i) => i.detail.startsWith('untagged parent of'));
    expect(parents.length).toBeGreaterThanOrEqual(2);
    expect(preview.items.indexOf(final)).toBeLessThan(Math.min(...parents.map((p) => preview.items.indexOf(p))));
    const before = await totals();
    const result = await caller.system.prune({ engine: 'default', items: preview.items, cutoff: null });
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(before.images - (await totals()).images).toBe(preview.bytes);
    expect(preview.bytes).toBeGreaterThanOrEqual(70 * 1024);
    for (const p of parents) await expect(docker.getImage(p.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('goes on past an item that fails and reports what was and was not removed', async () => {
    const [v1, v2] = [uniqueName('prune-half-a'), uniqueName('prune-half-b')];
    for (const v of [v1, v2]) {
      cleanup.push(() => docker.getVolume(v).remove());
      await docker.createVolume({ Name: v });
    }
    const host = (await docker.listNetworks({ filters: { name: ['host'] } })).find((n) => n.Name === 'host')!;
    const caller = await testCaller();
    const result = await caller.system.prune({
      engine: 'default',
      cutoff: null,
      items: [
        { kind: 'volume', id: v1, name: v1, size: 0, detail: '' },
        { kind: 'network', id: host.Id, name: 'host', size: 0, detail: '' },
        { kind: 'volume', id: v2, name: v2, size: 0, detail: '' },
      ],
    });
    expect(result.removed.map((i) => i.id)).toEqual([v1, v2]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.reason).toMatch(/^Could not remove network host: .*pre-defined network.*\.$/);
    await expect(docker.getNetwork(host.Id).inspect()).resolves.toBeTruthy();
  });
});
