import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '@/lib/router-types';
import { baseAction, matches } from './event-filter';

const ev = (over: Partial<EngineEvent>): EngineEvent => ({ id: '1', time: 0, type: 'container', action: 'start', actorId: 'abc123', name: 'web-1', attributes: { image: 'nginx:1.27', name: 'web-1' }, ...over });
const all = { type: '', container: '', image: '', action: '', execs: false };

describe('event filter', () => {
  it('hides health-check execs unless asked', () => {
    const exec = ev({ action: 'exec_start: /bin/sh -c curl -f localhost' });
    expect(matches(exec, all)).toBe(false);
    expect(matches(exec, { ...all, execs: true })).toBe(true);
    expect(matches(ev({ action: 'health_status: unhealthy' }), all)).toBe(true);
  });

  it('filters by container, image and action', () => {
    expect(matches(ev({}), { ...all, container: 'WEB' })).toBe(true);
    expect(matches(ev({}), { ...all, container: 'db' })).toBe(false);
    expect(matches(ev({ type: 'image', name: 'nginx:1.27', attributes: {} }), { ...all, image: 'nginx' })).toBe(true);
    expect(matches(ev({}), { ...all, image: 'redis' })).toBe(false);
    expect(matches(ev({ action: 'health_status: healthy' }), { ...all, action: 'health_status' })).toBe(true);
    expect(baseAction('exec_die')).toBe('exec_die');
  });
});
