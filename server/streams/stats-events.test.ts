import { afterAll, describe, expect, it } from 'vitest';
import { runContainer, testCaller, testDocker, uniqueName } from '@/test/harness';
import { cpuPercent, memoryUsed } from './stats';

const docker = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
});

async function take<T>(iterable: AsyncIterable<T>, count: number, ctl: AbortController): Promise<T[]> {
  const out: T[] = [];
  for await (const v of iterable) {
    out.push(v);
    if (out.length >= count) break;
  }
  ctl.abort();
  return out;
}

describe('stats maths, as docker stats computes it', () => {
  it('CPU % uses the deltas and the online CPUs', () => {
    const pct = cpuPercent({
      read: '',
      cpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 4 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000 },
    });
    expect(pct).toBeCloseTo(40, 5);
  });

  it('memory leaves out the inactive page cache (cgroup v1 and v2)', () => {
    expect(memoryUsed({ read: '', memory_stats: { usage: 100, stats: { total_inactive_file: 30 } } })).toBe(70);
    expect(memoryUsed({ read: '', memory_stats: { usage: 100, stats: { inactive_file: 40 } } })).toBe(60);
    expect(memoryUsed({ read: '', memory_stats: { usage: 100, stats: {} } })).toBe(100);
  });
});

describe('containers.stats', () => {
  it('streams samples of a busy container with CPU, memory and PIDs', async () => {
    const name = uniqueName('busy');
    const c = await runContainer(docker, { name, cmd: ['sh', '-c', 'while true; do :; done'] });
    created.push(c.id);
    const ctl = new AbortController();
    const caller = await testCaller(undefined, undefined, ctl.signal);
    const samples = await take(await caller.containers.stats({ engine: 'default', id: name }), 3, ctl);
    const last = samples[samples.length - 1]!;
    expect(last.name).toBe(name);
    expect(last.cpuPercent).toBeGreaterThan(10);
    expect(last.memoryUsed).toBeGreaterThan(0);
    expect(last.pids).toBeGreaterThanOrEqual(1);
  }, 20_000);
});

describe('containers.statsAll', () => {
  it('sends one map per interval with a sample for each running container, and leaves no listener behind', async () => {
    const name = uniqueName('busy-all');
    const c = await runContainer(docker, { name, cmd: ['sh', '-c', 'while true; do :; done'] });
    created.push(c.id);
    const ctl = new AbortController();
    const caller = await testCaller(undefined, undefined, ctl.signal);
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      // 12 intervals: a listener left per interval would pass the MaxListeners threshold of 10.
      const maps = await take(await caller.containers.statsAll({ engine: 'default', intervalMs: 500 }), 12, ctl);
      const last = maps[maps.length - 1]!;
      expect(last[c.id]?.name).toBe(name);
      expect(last[c.id]?.cpuPercent).toBeGreaterThan(10);
      await new Promise((r) => setTimeout(r, 50));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  }, 30_000);
});

describe('system.events', () => {
  it('reports a container start and die, and resumes after an id without repeating', async () => {
    const since = String(Math.floor(Date.now() / 1000) - 1);
    const name = uniqueName('evt');
    const c = await runContainer(docker, { name, cmd: ['true'] });
    created.push(c.id);
    await c.wait();
    const ctl = new AbortController();
    const caller = await testCaller(undefined, undefined, ctl.signal);
    const events: { id: string; data: { type: string; action: string; name: string } }[] = [];
    for await (const e of await caller.system.events({ engine: 'default', since })) {
      // A server-side caller sees tracked() envelopes: [id, data].
      const [id, data] = e as unknown as [string, { type: string; action: string; name: string }];
      const ev = { id, data };
      events.push(ev);
      if (ev.data.name === name && ev.data.action === 'die') break;
    }
    ctl.abort();
    const mine = events.filter((e) => e.data.name === name).map((e) => e.data.action);
    expect(mine).toEqual(expect.arrayContaining(['create', 'start', 'die']));
    const startIdx = events.findIndex((e) => e.data.name === name && e.data.action === 'start');
    const ctl2 = new AbortController();
    const caller2 = await testCaller(undefined, undefined, ctl2.signal);
    const resumed: string[] = [];
    for await (const e of await caller2.system.events({ engine: 'default', lastEventId: events[startIdx]!.id })) {
      const [id, data] = e as unknown as [string, { name: string; action: string }];
      const ev = { id, data };
      resumed.push(ev.id);
      if (ev.data.name === name && ev.data.action === 'die') break;
    }
    ctl2.abort();
    expect(resumed).not.toContain(events[startIdx]!.id);
    expect(resumed[0]).toBe(events[startIdx + 1]!.id);
  }, 20_000);
});
