import { afterAll, describe, expect, it } from 'vitest';
import { runContainer, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { cachedContainers, invalidateContainers } from './container-cache';
import { type ContainerRow, listContainers } from './containers';

const docker = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
});

async function until<T>(what: string, get: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A cache over its own engine client, counting how often it asks the engine. */
async function counted() {
  const api = testDocker();
  const counter = { fetches: 0 };
  const list = () =>
    cachedContainers(api, () => {
      counter.fetches++;
      return listContainers(api);
    });
  // Live once a list is answered without asking the engine (the events stream is connected).
  await until('the events stream', async () => {
    const before = counter.fetches;
    await list();
    return counter.fetches === before;
  }, (live) => live);
  return { api, counter, list };
}

describe('the container list cache', () => {
  it('answers a second list without asking the engine, and callers racing after a change share one fetch', async () => {
    const { api, counter, list } = await counted();
    const before = counter.fetches;
    await list();
    expect(counter.fetches).toBe(before);
    invalidateContainers(api);
    const answers = await Promise.all([list(), list(), list()]);
    expect(counter.fetches).toBe(before + 1);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  });

  it('shows changes made outside Berth (create, start, rename, stop, remove) within a short wait', async () => {
    const { list } = await counted();
    const name = uniqueName('outside');
    const row = (rows: ContainerRow[]) => rows.find((r) => r.name === name || r.name === `${name}-renamed`);
    const c = await docker.createContainer({ name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
    created.push(c.id);
    await until('the created container', list, (rows) => row(rows)?.state === 'created');
    await c.start();
    await until('it running', list, (rows) => row(rows)?.state === 'running');
    await c.rename({ name: `${name}-renamed` });
    await until('its new name', list, (rows) => row(rows)?.name === `${name}-renamed`);
    await c.stop({ t: 0 });
    await until('it exited', list, (rows) => row(rows)?.state === 'exited');
    await c.remove();
    await until('it gone', list, (rows) => row(rows) === undefined);
  });

  it('does not keep a list fetched before an event that arrived while it was under way', async () => {
    const api = testDocker();
    let fetches = 0;
    let during: (() => Promise<void>) | null = null;
    const list = () =>
      cachedContainers(api, async () => {
        fetches++;
        const rows = await listContainers(api);
        await during?.();
        return rows;
      });
    await until('the events stream', async () => {
      const before = fetches;
      await list();
      return fetches === before;
    }, (live) => live);
    const name = uniqueName('during');
    // The engine is asked first; then, before its answer is handed back, a container appears and its event arrives.
    during = async () => {
      during = null;
      const c = await docker.createContainer({ name, Image: 'berth-test/busybox:latest', Cmd: ['true'] });
      created.push(c.id);
      await new Promise((r) => setTimeout(r, 300));
    };
    invalidateContainers(api);
    const stale = await list();
    expect(stale.some((r) => r.name === name)).toBe(false);
    expect((await list()).some((r) => r.name === name)).toBe(true);
  });

  it('shows a stop made through Berth on the very next list', async () => {
    const registry = testRegistry();
    const caller = await testCaller(undefined, registry);
    const name = uniqueName('berth-stop');
    const c = await runContainer(docker, { name });
    created.push(c.id);
    await until('it running in the list', () => caller.containers.list({ engine: 'default' }), (rows) => rows.find((r) => r.name === name)?.state === 'running');
    await caller.containers.stop({ engine: 'default', id: name, timeout: 0 });
    expect((await caller.containers.list({ engine: 'default' })).find((r) => r.name === name)?.state).toBe('exited');
  });
});
