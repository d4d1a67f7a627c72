// containers.list against the real engine: health, exit codes, restart counts and crash loops as the rows carry them.
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_IMAGE, testCaller, testDocker, uniqueName } from '@/test/harness';

const docker = testDocker();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
});

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('container rows tell their trouble', () => {
  it('lists created containers that never ran, with no restarts', async () => {
    const names = ['web-10', 'web-2'].map((n) => `${uniqueName('never')}-${n}`);
    for (const name of names) created.push((await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] })).id);
    const rows = await (await testCaller()).containers.list({ engine: 'default' });
    for (const name of names) expect(rows.find((r) => r.name === name)).toMatchObject({ state: 'created', restartCount: 0, crashLooping: false });
  });

  it('marks an unhealthy container, and a crash loop with its exit code and restart count', async () => {
    const sick = uniqueName('sick');
    const loop = uniqueName('loop');
    const a = await docker.createContainer({ name: sick, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL', Healthcheck: { Test: ['CMD', 'false'], Interval: 1e9, Retries: 1 } });
    const b = await docker.createContainer({ name: loop, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'exit 3'], HostConfig: { RestartPolicy: { Name: 'always' } } });
    created.push(a.id, b.id);
    await a.start();
    await b.start();
    const caller = await testCaller();
    const list = () => caller.containers.list({ engine: 'default' });
    await until('the unhealthy badge', list, (rows) => rows.find((r) => r.name === sick)?.health === 'unhealthy');
    const rows = await until('the crash loop', list, (rows) => (rows.find((r) => r.name === loop)?.restartCount ?? 0) >= 3);
    const row = rows.find((r) => r.name === loop)!;
    expect(row.crashLooping).toBe(true);
    if (row.state !== 'running') expect(row.exitCode).toBe(3);
    const detail = await caller.containers.inspect({ engine: 'default', id: loop });
    expect(detail.state.restartCount).toBeGreaterThanOrEqual(3);
    expect(detail.state.crashLooping).toBe(true);
  });
});
