// The swarm harness itself: the provided swarm is three ready nodes, and a swarm that stops leaves nothing behind.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { describe, expect, inject, it } from 'vitest';
import { startTestSwarm } from './swarm';

interface NodeRow {
  Description?: { Hostname?: string };
  Spec?: { Role?: string };
  Status?: { State?: string };
}

function cgroupDirsOf(id: string): string[] {
  return readdirSync('/sys/fs/cgroup').flatMap((c) => {
    try {
      return readdirSync(join('/sys/fs/cgroup', c))
        .filter((e) => e.startsWith(`${id}-`))
        .map((e) => join('/sys/fs/cgroup', c, e));
    } catch {
      return [];
    }
  });
}

describe('the test swarm', () => {
  it('is three ready nodes: one manager and two workers', async () => {
    const api = new Docker({ socketPath: inject('swarmManager') });
    const nodes = (await api.listNodes()) as NodeRow[];
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => n.Status?.State === 'ready')).toBe(true);
    expect(nodes.filter((n) => n.Spec?.Role === 'manager')).toHaveLength(1);
    expect(nodes.filter((n) => n.Spec?.Role === 'worker')).toHaveLength(2);
    expect(new Set(nodes.map((n) => n.Description?.Hostname)).size).toBe(3);

    const worker = new Docker({ socketPath: inject('swarmWorker') });
    const info = (await worker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
    expect(info.Swarm?.LocalNodeState).toBe('active');
    expect(info.Swarm?.ControlAvailable).toBe(false);
  });

  it('leaves no namespace, mount, process, cgroup or directory behind when stopped', { timeout: 120_000 }, async () => {
    const swarm = await startTestSwarm();
    const api = new Docker({ socketPath: swarm.manager });
    // A running task on every node, so there are containers and their cgroups to clean up.
    await api.createService({
      Name: 'harness-check',
      Mode: { Replicated: { Replicas: 3 } },
      TaskTemplate: { ContainerSpec: { Image: 'berth-test/busybox:latest', Command: ['sleep', '600'], Init: true } },
    } as never);
    await expect
      .poll(async () => (await api.listTasks({ filters: { 'desired-state': ['running'] } })).filter((t) => t.Status?.State === 'running').length, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(3);
    const pids = swarm.nodes.map((n) => Number(readFileSync(join(swarm.dir, n.name, 'dockerd.pid'), 'utf8')));
    expect(cgroupDirsOf(swarm.id).length).toBeGreaterThan(0);

    await swarm.stop();

    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain(swarm.id);
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '');
    expect(mounts.filter((m) => m.startsWith(swarm.dir))).toEqual([]);
    expect(pids.filter((p) => existsSync(`/proc/${p}`))).toEqual([]);
    const inRun = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cgroup`, 'utf8').includes(`/${swarm.id}-`) || readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(swarm.dir);
        } catch {
          return false;
        }
      });
    expect(inRun).toEqual([]);
    expect(cgroupDirsOf(swarm.id)).toEqual([]);
    expect(existsSync(swarm.dir)).toBe(false);
  });
});
