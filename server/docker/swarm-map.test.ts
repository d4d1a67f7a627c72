// The swarm mappings, the not-a-manager sentences and the load-balancing check, on records shaped as the engine gives them.
import { describe, expect, it } from 'vitest';
import { NO_IPVS_SENTENCE, loadBalancingOf } from './swarm-lb';
import { notManagerSentence, rpcMessage, withTaskError } from './swarm';
import { type RawService, type RawTask, displayImage, taskCounts, toOverlayNetwork, toStacks, toSwarmNode, toSwarmService, toSwarmStatus, toSwarmTask, usersOf } from './swarm-map';

const task = (id: string, service: string, state: string, desired = 'running', node = 'n1'): RawTask => ({
  ID: id,
  ServiceID: service,
  NodeID: node,
  Slot: 1,
  DesiredState: desired,
  Status: { State: state },
});

const service = (id: string, spec: Partial<RawService['Spec']> = {}): RawService => ({
  ID: id,
  Version: { Index: 7 },
  CreatedAt: '2026-01-01T00:00:00Z',
  UpdatedAt: '2026-01-02T00:00:00Z',
  Spec: { Name: id, TaskTemplate: { ContainerSpec: { Image: 'busybox:1@sha256:abc' } }, ...spec },
});

describe('swarm mapping', () => {
  it('reads the role from the info: manager, worker with its managers, none', () => {
    const lb = { available: true, sentence: null };
    expect(toSwarmStatus({ Swarm: { LocalNodeState: 'active', ControlAvailable: true, Nodes: 3, Managers: 1, NodeID: 'a' } }, lb)).toMatchObject({ role: 'manager', nodeCount: 3 });
    const worker = toSwarmStatus({ Swarm: { LocalNodeState: 'active', ControlAvailable: false, Nodes: 3, RemoteManagers: [{ Addr: '10.0.0.2:2377' }, { Addr: '10.0.0.1:2377' }] } }, lb);
    expect(worker).toMatchObject({ role: 'worker', nodeCount: null, managers: ['10.0.0.1:2377', '10.0.0.2:2377'] });
    expect(toSwarmStatus({ Swarm: { LocalNodeState: 'inactive' } }, lb).role).toBe('none');
  });

  it('says why an engine that is no manager cannot answer', () => {
    expect(notManagerSentence({ LocalNodeState: 'active', ControlAvailable: false, RemoteManagers: [{ Addr: '10.1.2.3:2377' }] })).toBe(
      'This node is a worker: connect Berth to a manager (10.1.2.3:2377).',
    );
    expect(notManagerSentence({ LocalNodeState: 'inactive' })).toBe('This engine is not part of a swarm.');
    expect(notManagerSentence({ LocalNodeState: 'active', ControlAvailable: true })).toBeNull();
    expect(rpcMessage('rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm')).toBe('attempting to demote the last manager of the swarm');
  });

  it('counts running and wanted tasks per service: replicated from the spec, global from its tasks', () => {
    const tasks = [task('t1', 'web', 'running'), task('t2', 'web', 'starting'), task('t3', 'web', 'running', 'shutdown'), task('g1', 'agent', 'running'), task('g2', 'agent', 'running', 'running', 'n2')];
    const counts = taskCounts(tasks);
    const web = toSwarmService(service('web', { Mode: { Replicated: { Replicas: 3 } } }), counts.get('web'));
    expect(web).toMatchObject({ running: 1, desired: 3, mode: 'replicated', image: 'busybox:1', version: 7 });
    const agent = toSwarmService(service('agent', { Mode: { Global: {} }, Labels: { 'com.docker.stack.namespace': 'ops' } }), counts.get('agent'));
    expect(agent).toMatchObject({ running: 2, desired: 2, mode: 'global', stack: 'ops' });
  });

  it('keeps a digest-only image whole and drops a digest pinned after a tag', () => {
    expect(displayImage('registry:5000/team/app:1.0@sha256:abc')).toBe('registry:5000/team/app:1.0');
    expect(displayImage('busybox@sha256:abc')).toBe('busybox@sha256:abc');
    expect(displayImage('registry:5000/app')).toBe('registry:5000/app');
  });

  it('maps nodes, tasks, users of secrets, overlay networks and stacks', () => {
    const node = toSwarmNode(
      { ID: 'n1', Version: { Index: 4 }, Spec: { Role: 'manager', Availability: 'drain', Labels: { zone: 'a' } }, Description: { Hostname: 'h1', Resources: { NanoCPUs: 2e9, MemoryBytes: 1024 } }, Status: { State: 'ready', Addr: '10.0.0.1' }, ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.0.0.1:2377' } },
      new Map([['n1', 5]]),
      'n1',
    );
    expect(node).toMatchObject({ hostname: 'h1', role: 'manager', availability: 'drain', cpus: 2, tasksRunning: 5, self: true, version: 4, manager: { leader: true } });
    const t = toSwarmTask({ ...task('t1', 'web', 'failed', 'shutdown'), Status: { State: 'failed', Err: 'boom', ContainerStatus: { ExitCode: 3, ContainerID: 'c' } } }, () => 'web', () => 'h1');
    expect(t).toMatchObject({ serviceName: 'web', nodeHostname: 'h1', error: 'boom', exitCode: 3, containerId: 'c' });
    const withSecret = service('web', { TaskTemplate: { ContainerSpec: { Secrets: [{ SecretID: 's1', SecretName: 'pw' }] }, Networks: [{ Target: 'net1' }] } });
    expect(usersOf([withSecret], 'Secrets').get('s1')).toEqual([{ id: 'web', name: 'web' }]);
    expect(toOverlayNetwork({ Id: 'net1', Name: 'front', Labels: { 'com.docker.stack.namespace': 'shop' } }, [withSecret])).toMatchObject({ stack: 'shop', services: [{ id: 'web', name: 'web' }] });
    const stacks = toStacks([toSwarmService(service('shop_web', { Labels: { 'com.docker.stack.namespace': 'shop' } }), undefined)], [{ Id: 'net1', Name: 'shop_default', Labels: { 'com.docker.stack.namespace': 'shop' } }], [], []);
    expect(stacks).toEqual([{ name: 'shop', services: [{ id: 'shop_web', name: 'shop_web', running: 0, desired: 1 }], networks: ['shop_default'], secrets: [], configs: [] }]);
  });

  it("adds the failing task's error to a paused update, even when the named task is gone", () => {
    const update = { state: 'paused', message: 'update paused due to failure or early termination of task abcdef123', startedAt: null, completedAt: null };
    const failing = { ...task('zzz', 'web', 'rejected', 'shutdown'), CreatedAt: '2026-01-01T00:00:00Z', Status: { State: 'rejected', Err: 'No such image: x:1' } };
    expect(withTaskError(update, [failing])?.message).toBe('update paused due to failure or early termination of task abcdef123: No such image: x:1.');
  });
});

describe('load balancing', () => {
  const kernel = (has: boolean) => ({ release: '6.1.0', hasIpvs: () => has });
  it('says so only for an engine on this kernel that has no IPVS', () => {
    expect(loadBalancingOf('/run/docker.sock', '6.1.0', kernel(false))).toEqual({ available: false, sentence: NO_IPVS_SENTENCE });
    expect(loadBalancingOf('/run/docker.sock', '6.1.0', kernel(true))).toEqual({ available: true, sentence: null });
    // Another kernel (a VM, a remote host): nothing is known against it.
    expect(loadBalancingOf('/run/docker.sock', '5.10.0', kernel(false)).available).toBe(true);
    expect(loadBalancingOf(undefined, '6.1.0', kernel(false)).available).toBe(true);
  });
});
