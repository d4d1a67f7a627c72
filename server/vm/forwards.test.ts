import { describe, expect, it } from 'vitest';
import { desiredForwards, forwardFailure, planForwards, type PublishedPort } from './forwards';

const web: PublishedPort = { containerId: 'a', containerName: 'web', ip: '0.0.0.0', publicPort: 8080, type: 'tcp' };

describe('port forwards', () => {
  it('forwards published ports on loopback, once for IPv4 and IPv6 listings', () => {
    const d = desiredForwards([web, { ...web, ip: '::' }, { containerId: 'b', containerName: 'dns', ip: '0.0.0.0', publicPort: 5353, type: 'udp' }], false);
    expect(d.map((f) => `${f.proto}:${f.hostIp}:${f.hostPort}`)).toEqual(['tcp:127.0.0.1:8080', 'udp:127.0.0.1:5353']);
  });

  it('opens all interfaces only when the setting allows it', () => {
    expect(desiredForwards([web], true)[0]!.hostIp).toBe('0.0.0.0');
  });

  it('skips unpublished ports and ports bound to one guest address', () => {
    expect(desiredForwards([{ ...web, publicPort: undefined }, { ...web, ip: '127.0.0.1' }], false)).toEqual([]);
  });

  it('adds what is missing, removes what is gone, keeps what matches', () => {
    const desired = desiredForwards([web, { ...web, containerId: 'c', publicPort: 9090 }], false);
    const plan = planForwards(desired, [
      { proto: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 },
      { proto: 'tcp', hostIp: '127.0.0.1', hostPort: 7070 },
    ]);
    expect(plan.add.map((f) => f.hostPort)).toEqual([9090]);
    expect(plan.remove.map((f) => f.hostPort)).toEqual([7070]);
  });

  it('after a restart nothing is active, so every published port is added again', () => {
    expect(planForwards(desiredForwards([web], false), []).add).toHaveLength(1);
  });

  it('explains a failure as a taken port, or as a privileged port for a normal user', () => {
    const f = { proto: 'tcp' as const, hostIp: '127.0.0.1', hostPort: 8080 };
    expect(forwardFailure(f, '')).toBeNull();
    expect(forwardFailure(f, "Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:8080'", 0)).toContain('already in use');
    expect(forwardFailure({ ...f, hostPort: 80 }, 'Could not set up host forwarding rule', 1000)).toContain('below 1024');
  });
});
