// Unit: one df in flight per engine, quick answers with progress while a slow engine computes, and patience with a busy dockerd.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { diskUsage, diskUsageView } from './cache';

/** A stand-in engine whose /system/df answers after `ms`, or with the errors queued first. */
function slowEngine(ms: number, errors: unknown[] = []) {
  let calls = 0;
  const api = {
    modem: {
      dial(_opts: unknown, cb: (err: unknown, data: unknown) => void) {
        calls++;
        const err = errors.shift();
        setTimeout(() => (err ? cb(err, null) : cb(null, { LayersSize: 42, Images: [], Containers: [], Volumes: [], BuildCache: [] })), ms);
      },
    },
  } as unknown as Docker;
  return { api, calls: () => calls };
}

describe('diskUsage cache', () => {
  it('answers a page within waitMs with progress, then with the snapshot', async () => {
    const { api, calls } = slowEngine(150);
    const first = await diskUsageView(api, { waitMs: 20 });
    expect(first.usage).toBeNull();
    expect(first.computing).toMatchObject({ expectedMs: null });
    const again = await diskUsageView(api, { waitMs: 20 });
    expect(again.computing!.startedAt).toBe(first.computing!.startedAt);
    const done = await diskUsageView(api, { waitMs: 1_000 });
    expect(done).toMatchObject({ computing: null, usage: { totals: { size: 42 } } });
    expect(calls()).toBe(1);
    // Asking for newer: the old snapshot is shown meanwhile, and progress knows how long the last one took.
    const newer = await diskUsageView(api, { waitMs: 20, after: done.usage!.startedAt });
    expect(newer.usage!.startedAt).toBe(done.usage!.startedAt);
    expect(newer.computing!.expectedMs).toBeGreaterThanOrEqual(140);
    expect((await diskUsage(api, { after: done.usage!.startedAt })).startedAt).toBeGreaterThan(done.usage!.startedAt);
    expect(calls()).toBe(2);
  });

  it('waits for another client’s df instead of failing, and turns real failures into sentences', async () => {
    const busy = { statusCode: 500, json: { message: 'a disk usage operation is already running' } };
    const { api, calls } = slowEngine(5, [busy, busy]);
    await expect(diskUsage(api)).resolves.toMatchObject({ totals: { size: 42 } });
    expect(calls()).toBe(3);
    const broken = slowEngine(5, [{ statusCode: 500, json: { message: 'disk on fire' } }]);
    await expect(diskUsage(broken.api)).rejects.toMatchObject({ code: 'ENGINE_ERROR', message: 'The engine failed to compute the disk usage: disk on fire.' });
  });
});
