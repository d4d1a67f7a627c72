// Unit: totals as the docker CLI computes them, layer sizes from history, and prune planning on synthetic snapshots.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DiskContainer, type DiskImage, type DiskUsage, diskTotals, toDiskUsage } from './usage';
import { type ImageNode, chainIds, layerSizes } from './layers';
import { type PruneOptions, planPrune } from './plan';

const img = (id: string, p: Partial<DiskImage> = {}): DiskImage => ({ id, tags: [], size: 0, sharedSize: 0, uniqueSize: 0, containers: 0, created: 0, parentId: '', ...p });
const ctr = (id: string, p: Partial<DiskContainer> = {}): DiskContainer => ({ id, name: id, image: 'x', imageId: '', command: '', state: 'exited', status: 'Exited (0)', sizeRw: 0, sizeRootFs: 0, created: 0, volumes: [], networks: [], ...p });
const opts = (p: Partial<PruneOptions>): PruneOptions => ({ images: 'none', containersOlderThanHours: null, volumes: false, networks: false, buildCache: false, ...p });

describe('diskTotals', () => {
  it('counts as `docker system df` does', () => {
    const t = diskTotals(
      1000,
      [img('a', { size: 600, sharedSize: 200, uniqueSize: 400, containers: 1 }), img('b', { size: 600, sharedSize: 200, uniqueSize: 400 })],
      [ctr('r', { state: 'running', sizeRw: 5 }), ctr('p', { state: 'paused', sizeRw: 7 }), ctr('e', { sizeRw: 11 })],
      [{ name: 'v', driver: 'local', size: 30, links: 0 }, { name: 'w', driver: 'local', size: 20, links: 1 }, { name: 'nfs', driver: 'nfs', size: -1, links: 0 }],
      [
        { id: '1', parent: '', type: 'regular', description: '', size: 100, shared: false, inUse: true, usageCount: 1 },
        { id: '2', parent: '', type: 'regular', description: '', size: 50, shared: false, inUse: false, usageCount: 1 },
        { id: '3', parent: '', type: 'regular', description: '', size: 999, shared: true, inUse: false, usageCount: 1 },
      ],
    );
    expect(t.images).toEqual({ count: 2, active: 1, size: 1000, reclaimable: 600 });
    expect(t.containers).toEqual({ count: 3, active: 2, size: 23, reclaimable: 11 });
    expect(t.volumes).toEqual({ count: 3, active: 1, size: 50, reclaimable: 30 });
    expect(t.buildCache).toEqual({ count: 3, active: 1, size: 150, reclaimable: 50 });
    expect(t.size).toBe(1223);
  });

  it('maps a df with missing fields (a created container has no SizeRw)', () => {
    const d = toDiskUsage({ LayersSize: 10, Images: null, Containers: [{ Id: 'abc', Names: ['/web'], Image: 'x', State: 'created', Created: 1 }], Volumes: null, BuildCache: null });
    expect(d.containers[0]).toMatchObject({ name: 'web', sizeRw: 0, volumes: [], networks: [] });
    expect(d.totals.size).toBe(10);
  });
});

describe('layers', () => {
  it('computes chain ids like the engine', () => {
    const [a, b] = chainIds(['sha256:aa', 'sha256:bb']);
    expect(a).toBe('sha256:aa');
    expect(b).toBe(`sha256:${createHash('sha256').update('sha256:aa sha256:bb').digest('hex')}`);
  });

  it('reads layer sizes from history, skipping config-only steps, or gives up', () => {
    const h = (...e: [number, string][]) => e.map(([Size, CreatedBy]) => ({ Size, CreatedBy })).reverse();
    expect(layerSizes(h([100, 'ADD x'], [20, 'RUN y']), 2, 120)).toEqual([100, 20]);
    expect(layerSizes(h([100, 'ADD x'], [0, '/bin/sh -c #(nop)  ENV A=1'], [20, 'RUN y']), 2, 120)).toEqual([100, 20]);
    expect(layerSizes(h([100, 'ADD x'], [0, 'RUN true'], [0, 'CMD ["sh"]'], [20, 'RUN y']), 3, 120)).toEqual([100, 0, 20]);
    expect(layerSizes(h([100, 'ADD x'], [0, 'RUN a'], [0, 'RUN b']), 2, 100)).toBeNull();
    expect(layerSizes(h([100, 'ADD x']), 1, 99)).toBeNull();
  });
});

describe('planPrune', () => {
  const df = (p: Partial<DiskUsage>): DiskUsage => ({ images: [], containers: [], volumes: [], buildCache: [], totals: diskTotals(0, [], [], [], []), startedAt: 1, computedAt: 1, durationMs: 0, ...p });
  const node = (id: string, parentId: string, chain: string[], tags: string[] = []): ImageNode => ({ id, parentId, chain, tags, size: 0 });
  const sizes: Record<string, number> = { L1: 1000, L2: 200, L3: 30, L4: 4 };
  const sizesOf = async (n: ImageNode) => n.chain.map((c) => sizes[c]!);

  it('keeps parents of images that stay, takes untagged intermediates along and counts each layer once', async () => {
    const graph = new Map(
      [
        node('base', '', ['L1'], ['base:1']),
        node('mid', 'base', ['L1', 'L2']), // hidden intermediate
        node('a', 'mid', ['L1', 'L2', 'L3'], ['a:1']),
        node('a2', 'mid', ['L1', 'L2', 'L3'], ['a2:1']), // same layers as a
        node('b', 'base', ['L1', 'L4'], ['b:1']),
      ].map((n) => [n.id, n]),
    );
    const images = ['base', 'a', 'a2', 'b'].map((id) => img(id, { tags: graph.get(id)!.tags, containers: id === 'b' ? 1 : 0 }));
    const containers = [ctr('uses-b', { state: 'running', imageId: 'b' })];
    const plan = await planPrune({ df: df({ images, containers }), graph, networks: [] }, opts({ images: 'unused' }), 10_000, sizesOf);
    expect(plan.items.map((i) => i.id)).toEqual(['a', 'a2', 'mid']);
    expect(plan.items.find((i) => i.id === 'mid')!.detail).toBe('untagged parent of a:1');
    expect(plan.bytes).toBe(230);
    expect(plan.approximate).toBe(false);
    const dangling = await planPrune({ df: df({ images, containers }), graph, networks: [] }, opts({ images: 'dangling' }), 10_000, sizesOf);
    expect(dangling.items).toEqual([]);
  });

  it('frees the images of containers it removes, never volumes or networks still used', async () => {
    const graph = new Map([node('i', '', ['L1'], ['i:1'])].map((n) => [n.id, n]));
    const containers = [ctr('old', { imageId: 'i', created: 100, volumes: ['v1'], networks: ['n1'], sizeRw: 9 }), ctr('young', { created: 9_000, volumes: ['v2'], networks: ['n2'] })];
    const volumes = [{ name: 'v1', driver: 'local', size: 5, links: 1 }, { name: 'v2', driver: 'local', size: 6, links: 1 }, { name: 'ghost', driver: 'local', size: 7, links: 1 }];
    const networks = [{ Id: 'n1id', Name: 'n1' }, { Id: 'n2id', Name: 'n2' }, { Id: 'b', Name: 'bridge' }, { Id: 's', Name: 'swarmy', Scope: 'swarm' }];
    const plan = await planPrune({ df: df({ images: [img('i', { tags: ['i:1'], containers: 1 })], containers, volumes }), graph, networks }, opts({ images: 'unused', containersOlderThanHours: 1, volumes: true, networks: true }), 10_000_000, sizesOf);
    expect(plan.items.map((i) => `${i.kind}:${i.id}`)).toEqual(['container:old', 'image:i', 'volume:v1', 'network:n1id']);
    expect(plan.cutoff).toBe(10_000 - 3600);
    expect(plan.bytes).toBe(9 + 1000 + 5);
  });

  it('lists unused private build cache, children first', async () => {
    const cache = (id: string, parent: string, p: object = {}) => ({ id, parent, type: 'regular', description: id, size: 10, shared: false, inUse: false, usageCount: 1, ...p });
    const plan = await planPrune({ df: df({ buildCache: [cache('p', ''), cache('c', 'p'), cache('busy', '', { inUse: true }), cache('img', '', { shared: true })] }), graph: null, networks: [] }, opts({ buildCache: true }), 0, sizesOf);
    expect(plan.items.map((i) => i.id)).toEqual(['c', 'p']);
  });
});
