import { describe, expect, it } from 'vitest';
import { familiesFor } from './event-families';

describe('familiesFor', () => {
  it('refreshes containers and disk usage when a container changes state', () => {
    for (const action of ['start', 'die', 'stop', 'pause', 'unpause', 'rename', 'health_status: healthy']) {
      expect(familiesFor({ type: 'container', action })).toEqual(['containers', 'df']);
    }
  });

  it('refreshes images and volumes too when a container comes or goes', () => {
    expect(familiesFor({ type: 'container', action: 'create' })).toEqual(['containers', 'images', 'volumes', 'df']);
    expect(familiesFor({ type: 'container', action: 'destroy' })).toEqual(['containers', 'images', 'volumes', 'df']);
  });

  it('ignores exec, attach and resize, which change nothing on screen', () => {
    for (const action of ['exec_create: sh', 'exec_start: sh', 'exec_die', 'attach', 'resize', 'top']) {
      expect(familiesFor({ type: 'container', action })).toEqual([]);
    }
  });

  it('maps images, volumes and networks to their own lists', () => {
    expect(familiesFor({ type: 'image', action: 'pull' })).toEqual(['images', 'df']);
    expect(familiesFor({ type: 'image', action: 'delete' })).toEqual(['images', 'df']);
    expect(familiesFor({ type: 'image', action: 'push' })).toEqual([]);
    expect(familiesFor({ type: 'volume', action: 'create' })).toEqual(['volumes', 'df']);
    expect(familiesFor({ type: 'volume', action: 'mount' })).toEqual(['volumes']);
    expect(familiesFor({ type: 'network', action: 'create' })).toEqual(['networks', 'swarm']);
    expect(familiesFor({ type: 'network', action: 'connect' })).toEqual(['networks', 'containers']);
  });

  it('refreshes the swarm pages on service, node, secret, config and task events', () => {
    for (const type of ['service', 'node', 'secret', 'config']) {
      for (const action of ['create', 'update', 'remove']) expect(familiesFor({ type, action })).toEqual(['swarm']);
    }
    expect(familiesFor({ type: 'task', action: 'update' })).toEqual(['swarm']);
    expect(familiesFor({ type: 'network', action: 'remove' })).toEqual(['networks', 'swarm']);
  });

  it('ignores event types Berth does not list', () => {
    expect(familiesFor({ type: 'daemon', action: 'reload' })).toEqual([]);
    expect(familiesFor({ type: 'plugin', action: 'enable' })).toEqual([]);
    expect(familiesFor({ type: '', action: '' })).toEqual([]);
  });
});
