// The swarm procedures against the test setup's real three-node swarm (one manager, two workers).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ServiceDetail, SwarmTask } from '@/lib/swarm';
import { EngineRegistry } from '@/server/engines/registry';
import type { ServiceLogColumns } from '@/server/streams/service-logs';
import { testCaller, TEST_IMAGE, uniqueName } from '@/test/harness';

const manager = new Docker({ socketPath: inject('swarmManager') });
const engine = 'default';

function registryFor(socketPath: string): EngineRegistry {
  const empty = mkdtempSync(join(tmpdir(), 'berth-dockercfg-'));
  return new EngineRegistry({ env: { DOCKER_CONFIG: empty } as unknown as NodeJS.ProcessEnv, homeDir: empty, socketPath });
}
const managerRegistry = registryFor(inject('swarmManager'));
const admin = () => testCaller({ name: 'admin', role: 'admin' }, managerRegistry);

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((id) => manager.getService(id).remove().catch(() => undefined)));
});

/** A busybox service as the tests run them: init, dnsrr (no IPVS here), no registry lookup. */
async function createService(opts: { replicas?: number; global?: boolean; args?: string[]; env?: string[] } = {}): Promise<{ id: string; name: string }> {
  const name = uniqueName('svc');
  const res = await manager.createService({
    Name: name,
    TaskTemplate: {
      ContainerSpec: { Image: TEST_IMAGE, Args: opts.args ?? ['sleep', '3600'], Env: opts.env ?? [], Init: true, StopGracePeriod: 1_000_000_000 },
      RestartPolicy: { Condition: 'on-failure', MaxAttempts: 1 },
      Resources: { Limits: { MemoryBytes: 32 * 1024 * 1024 } },
    },
    Mode: opts.global ? { Global: {} } : { Replicated: { Replicas: opts.replicas ?? 3 } },
    UpdateConfig: { Parallelism: 2, Delay: 0, FailureAction: 'pause', Monitor: 1_000_000_000 },
    EndpointSpec: { Mode: 'dnsrr' },
  } as Docker.CreateServiceOptions);
  created.push(res.id);
  return { id: res.id, name };
}

/** Polls `read` until `done` holds (bounded), and returns the last value. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const running = (tasks: SwarmTask[]) => tasks.filter((t) => t.state === 'running');

// Rolling updates and rollbacks take tens of seconds on two cores: the bounded waits, not the test's clock, decide.
describe('swarm on a manager', { timeout: 240_000 }, () => {
  it('knows its role, its nodes and the missing load balancing', async () => {
    const caller = await admin();
    const status = await caller.swarm.status({ engine });
    expect(status.role).toBe('manager');
    expect(status.nodeCount).toBe(3);
    const nodes = await caller.swarm.nodes({ engine });
    expect(nodes).toHaveLength(3);
    expect(nodes.filter((n) => n.self).map((n) => n.role)).toEqual(['manager']);
    expect(nodes.every((n) => n.state === 'ready')).toBe(true);
  });

  it('scales 3 → 6 and spreads the tasks over the three nodes', async () => {
    const caller = await admin();
    const svc = await createService({ replicas: 3 });
    await until(() => caller.swarm.tasks({ engine, service: svc.id }), (t) => running(t).length === 3, '3 running tasks');
    await caller.swarm.scale({ engine, id: svc.id, replicas: 6 });
    const tasks = await until(() => caller.swarm.tasks({ engine, service: svc.id }), (t) => running(t).length === 6, '6 running tasks');
    expect(new Set(running(tasks).map((t) => t.nodeHostname)).size).toBe(3);
    const row = await until(() => caller.swarm.services({ engine }), (rows) => rows.some((r) => r.id === svc.id && r.running === 6), 'the list at 6/6');
    expect(row.find((r) => r.id === svc.id)).toMatchObject({ running: 6, desired: 6, mode: 'replicated', image: TEST_IMAGE });
  });

  it('the services list follows a change made outside Berth by its event, not by waiting for the list to age', async () => {
    const caller = await admin();
    const svc = await createService({ replicas: 1 });
    await until(() => caller.swarm.services({ engine }), (rows) => rows.some((r) => r.id === svc.id && r.running === 1), 'the list at 1/1');
    const events = (await manager.getEvents({ filters: { type: ['service'], service: [svc.id] } })) as NodeJS.ReadableStream & { destroy(): void };
    const updated = new Promise<void>((resolve) => events.on('data', (c: Buffer) => c.toString().includes('"update"') && resolve()));
    try {
      // Read the list (it is kept), then scale with the engine's own API.
      expect((await caller.swarm.services({ engine })).find((r) => r.id === svc.id)?.desired).toBe(1);
      const raw = manager.getService(svc.id);
      const { Version, Spec } = (await raw.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
      await raw.update({ ...Spec, version: Version.Index, Mode: { Replicated: { Replicas: 2 } } });
      await updated;
      await new Promise((r) => setTimeout(r, 300));
      // Well within the second a kept list may live without an event.
      expect((await caller.swarm.services({ engine })).find((r) => r.id === svc.id)?.desired).toBe(2);
    } finally {
      events.destroy();
    }
  });

  it('rolls an env change out, shows the update completed, and rolls it back', async () => {
    const caller = await admin();
    const svc = await createService({ replicas: 3, env: ['COLOUR=blue'] });
    await until(() => caller.swarm.tasks({ engine, service: svc.id }), (t) => running(t).length === 3, '3 running tasks');
    const raw = await manager.getService(svc.id).inspect();
    const spec = structuredClone(raw.Spec);
    spec.TaskTemplate.ContainerSpec.Env = ['COLOUR=green'];
    await manager.getService(svc.id).update({ ...spec, version: raw.Version.Index });
    const updated = await until(() => caller.swarm.service({ engine, id: svc.id }), (d) => d.update?.state === 'completed', 'the update to complete');
    expect(updated.spec.env).toEqual(['COLOUR=green']);
    expect(updated.canRollback).toBe(true);
    expect(running(updated.tasks.filter((t) => t.desiredState === 'running'))).toHaveLength(3);

    await caller.swarm.rollback({ engine, id: svc.id });
    const back = await until(
      () => caller.swarm.service({ engine, id: svc.id }),
      (d) => d.update?.state === 'rollback_completed',
      'the rollback to complete',
    );
    expect(back.spec.env).toEqual(['COLOUR=blue']);
  });

  it('drains a node: its tasks move to the others; activating it takes tasks again', async () => {
    const caller = await admin();
    const svc = await createService({ replicas: 3 });
    await until(() => caller.swarm.tasks({ engine, service: svc.id }), (t) => running(t).length === 3, '3 running tasks');
    const worker = (await caller.swarm.nodes({ engine })).find((n) => n.role === 'worker')!;
    try {
      await caller.swarm.nodeUpdate({ engine, id: worker.id, version: worker.version, availability: 'drain' });
      const moved = await until(
        () => caller.swarm.tasks({ engine, service: svc.id }),
        (t) => running(t).length === 3 && t.every((x) => x.nodeId !== worker.id),
        'the tasks to leave the drained node',
      );
      expect(new Set(running(moved).map((t) => t.nodeId)).size).toBeLessThanOrEqual(2);
      const drained = (await caller.swarm.nodes({ engine })).find((n) => n.id === worker.id)!;
      expect(drained).toMatchObject({ availability: 'drain', tasksRunning: 0 });
      // The version sent back must be the current one: an old one is refused.
      await expect(caller.swarm.nodeUpdate({ engine, id: worker.id, version: worker.version, availability: 'active' })).rejects.toThrow(/changed since it was read/);
      await caller.swarm.nodeUpdate({ engine, id: worker.id, version: drained.version, availability: 'active' });
      await caller.swarm.forceRestart({ engine, id: svc.id });
      await until(() => caller.swarm.tasks({ engine, service: svc.id }), (t) => running(t).some((x) => x.nodeId === worker.id), 'a task on the active node');
    } finally {
      const now = (await caller.swarm.nodes({ engine })).find((n) => n.id === worker.id)!;
      if (now.availability !== 'active') await caller.swarm.nodeUpdate({ engine, id: worker.id, version: now.version, availability: 'active' });
    }
  });

  it("merges every task's log with its task and node, in order per task, and resumes without loss or repeats", async () => {
    const caller = await admin();
    const svc = await createService({ replicas: 3, args: ['sh', '-c', 'i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo "n=$i"; sleep 0.05; done'] });
    await until(() => caller.swarm.tasks({ engine, service: svc.id }), (t) => running(t).length === 3, '3 running tasks');
    const seen = new Map<string, number[]>();
    const take = (cols: ServiceLogColumns) => {
      cols.text.forEach((text, i) => {
        const list = seen.get(cols.source[i]!) ?? [];
        list.push(Number(/^n=(\d+)$/.exec(text)?.[1]));
        seen.set(cols.source[i]!, list);
      });
    };
    const read = async (lastEventId: string | undefined, batches: number): Promise<string> => {
      const stop = new AbortController();
      const caller = await testCaller({ name: 'admin', role: 'admin' }, managerRegistry, stop.signal);
      const sub = await caller.swarm.serviceLogs({ engine, id: svc.id, follow: true, tail: 'all', ...(lastEventId ? { lastEventId } : {}) });
      let id = '';
      let n = 0;
      for await (const envelope of sub as AsyncIterable<unknown>) {
        const [eventId, data] = envelope as [string, { toJSON(): ServiceLogColumns }];
        take(data.toJSON());
        id = eventId;
        if (++n >= batches && seen.size === 3) break;
      }
      stop.abort();
      return id;
    };
    const first = await read(undefined, 3);
    await new Promise((r) => setTimeout(r, 1500));
    await read(first, 3);
    expect(seen.size).toBe(3);
    expect(new Set([...seen.keys()].map((k) => k.split('@')[1])).size).toBe(3);
    for (const [source, numbers] of seen) {
      expect(source).toMatch(new RegExp(`^${svc.name}\\.[123]\\.[a-z0-9]{12}@swarm-[123]$`));
      // From its first line on, each task's lines come once each and in order, across the reconnect.
      expect(numbers, source).toEqual(numbers.map((_, i) => numbers[0]! + i));
    }
  });

  it('refuses to scale a global service, with a sentence', async () => {
    const caller = await admin();
    const svc = await createService({ global: true });
    await expect(caller.swarm.scale({ engine, id: svc.id, replicas: 2 })).rejects.toThrow(`Service ${svc.name} is global: it runs one task on every eligible node and cannot be scaled.`);
    const rows = await until(() => caller.swarm.services({ engine }), (r) => r.some((s) => s.id === svc.id && s.running === 3), 'the global service on 3 nodes');
    expect(rows.find((s) => s.id === svc.id)).toMatchObject({ mode: 'global', desired: 3 });
  });

  it('an update to a missing image pauses, and the sentence carries the task error', async () => {
    const caller = await admin();
    const svc = await createService({ replicas: 2 });
    await until(() => caller.swarm.tasks({ engine, service: svc.id }), (t) => running(t).length === 2, '2 running tasks');
    await expect(caller.swarm.updateImage({ engine, id: svc.id, image: 'Not An Image' })).rejects.toThrow(/must be an image reference/);
    await caller.swarm.updateImage({ engine, id: svc.id, image: 'berth-test/missing:1' });
    const detail: ServiceDetail = await until(
      () => caller.swarm.service({ engine, id: svc.id }),
      (d) => d.update?.state === 'paused' || d.update?.state.startsWith('rollback') === true,
      'the update to pause',
    );
    expect(detail.update?.message).toMatch(/No such image: berth-test\/missing:1/);
    expect(detail.tasks.some((t) => t.error?.includes('No such image'))).toBe(true);
  });

  it('refuses to demote or remove the last manager, in the engine\'s words', async () => {
    const caller = await admin();
    const self = (await caller.swarm.nodes({ engine })).find((n) => n.self)!;
    await expect(caller.swarm.nodeUpdate({ engine, id: self.id, version: self.version, role: 'worker' })).rejects.toThrow(
      'Could not update node swarm-1: attempting to demote the last manager of the swarm.',
    );
    await expect(caller.swarm.nodeRemove({ engine, id: self.id })).rejects.toThrow(/^Could not remove node swarm-1: .*must be demoted to worker before removal\.$/);
    const worker = (await caller.swarm.nodes({ engine })).find((n) => n.role === 'worker')!;
    await expect(caller.swarm.nodeRemove({ engine, id: worker.id })).rejects.toThrow(/is not down and can't be removed/);
  });

  it('refuses to promote a node that is down, removes it, and the node joins again', async () => {
    const caller = await admin();
    // The third node's engine (the harness keeps node n in <dir>/n<n>).
    const third = new Docker({ socketPath: inject('swarmManager').replace(/\/n1\/docker\.sock$/, '/n3/docker.sock') });
    const token = ((await manager.swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
    await third.swarmLeave({ force: true });
    try {
      const nodes = await until(() => caller.swarm.nodes({ engine }), (list) => list.some((n) => n.hostname === 'swarm-3' && n.state === 'down'), 'swarm-3 down');
      const down = nodes.find((n) => n.hostname === 'swarm-3' && n.state === 'down')!;
      await expect(caller.swarm.nodeUpdate({ engine, id: down.id, version: down.version, role: 'manager' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: "Could not promote node swarm-3: it is down, and a manager that cannot vote counts against the swarm's quorum. Start its engine first, or remove the node.",
      });
      expect((await manager.getNode(down.id).inspect()).Spec.Role).toBe('worker');
      await caller.swarm.nodeRemove({ engine, id: down.id });
      expect((await caller.swarm.nodes({ engine })).some((n) => n.id === down.id)).toBe(false);
    } finally {
      await third.swarmJoin({ ListenAddr: '10.77.0.13:2377', AdvertiseAddr: '10.77.0.13', RemoteAddrs: ['10.77.0.11:2377'], JoinToken: token });
    }
    await until(() => caller.swarm.nodes({ engine }), (list) => list.filter((n) => n.hostname === 'swarm-3' && n.state === 'ready').length === 1, 'swarm-3 ready again');
  });

  it('creates secrets and configs without ever returning their data, and refuses removal while in use', async () => {
    const caller = await admin();
    const name = uniqueName('sec');
    const { id } = await caller.swarm.createSecret({ engine, name, data: 'hunter2', labels: { team: 'a' } });
    const listed = (await caller.swarm.secrets({ engine })).find((s) => s.id === id)!;
    expect(listed).toMatchObject({ name, labels: { team: 'a' }, usedBy: [] });
    expect(JSON.stringify(listed)).not.toContain('hunter2');
    await expect(caller.swarm.createConfig({ engine, name: uniqueName('cfg'), data: 'x'.repeat(500 * 1024 + 1) })).rejects.toThrow(/must be at most 500 KB/);
    const svcName = uniqueName('svc');
    const svc = await manager.createService({
      Name: svcName,
      TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE, Args: ['sleep', '3600'], Init: true, Secrets: [{ SecretID: id, SecretName: name, File: { Name: 'pw', UID: '0', GID: '0', Mode: 0o400 } }] } },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: { Mode: 'dnsrr' },
    } as Docker.CreateServiceOptions);
    created.push(svc.id);
    expect((await caller.swarm.secrets({ engine })).find((s) => s.id === id)!.usedBy).toEqual([{ id: svc.id, name: svcName }]);
    await expect(caller.swarm.removeSecret({ engine, id })).rejects.toMatchObject({ message: expect.stringMatching(/in use by/) });
    await caller.swarm.removeService({ engine, id: svc.id });
    await caller.swarm.removeSecret({ engine, id });
  });

  it('gives the join tokens and their command line', async () => {
    const tokens = await (await admin()).swarm.joinTokens({ engine });
    expect(tokens.worker.command).toMatch(/^docker swarm join --token SWMTKN-\S+ 10\.77\.0\.11:2377$/);
    expect(tokens.manager.token).toMatch(/^SWMTKN-/);
  });
});

describe('swarm on a worker', () => {
  it('answers with the sentence that names its managers, never a 500', async () => {
    const caller = await testCaller({ name: 'admin', role: 'admin' }, registryFor(inject('swarmWorker')));
    expect((await caller.swarm.status({ engine })).role).toBe('worker');
    await expect(caller.swarm.services({ engine })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This node is a worker: connect Berth to a manager (10.77.0.11:2377).',
    });
    await expect(caller.swarm.nodes({ engine })).rejects.toThrow('This node is a worker');
  });

  it('a plain engine is not in a swarm', async () => {
    const caller = await testCaller();
    expect((await caller.swarm.status({ engine })).role).toBe('none');
    await expect(caller.swarm.stacks({ engine })).rejects.toThrow('This engine is not part of a swarm.');
  });
});
