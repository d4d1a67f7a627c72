import { describe, expect, it } from 'vitest';
import { exitCodeOf, healthOf, isCrashLooping } from './container-health';

describe('a container list entry\'s trouble', () => {
  it('reads health from the engine\'s field or the status line', () => {
    expect(healthOf('Up 5 seconds (unhealthy)')).toBe('unhealthy');
    expect(healthOf('Up 2 minutes (healthy)')).toBe('healthy');
    expect(healthOf('Up 1 second (health: starting)')).toBe('starting');
    expect(healthOf('Up 1 second', 'starting')).toBe('starting');
    expect(healthOf('Up 3 hours')).toBeUndefined();
    expect(healthOf('Exited (0) 2 hours ago', 'none')).toBeUndefined();
  });

  it('reads the exit code of an exited or restarting container', () => {
    expect(exitCodeOf('Exited (3) 2 seconds ago')).toBe(3);
    expect(exitCodeOf('Restarting (137) Less than a second ago')).toBe(137);
    expect(exitCodeOf('Exited (0) 2 hours ago')).toBe(0);
    expect(exitCodeOf('Up 3 hours')).toBeUndefined();
    expect(exitCodeOf('Created')).toBeUndefined();
  });

  it('calls a container crash-looping while restarting, or restarted several times with the last try minutes ago', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const minutesAgo = (m: number) => now - m * 60_000;
    expect(isCrashLooping({ state: 'restarting', restartCount: 0, startedAt: 0, finishedAt: 0 }, now)).toBe(true);
    expect(isCrashLooping({ state: 'exited', restartCount: 5, startedAt: minutesAgo(1.1), finishedAt: minutesAgo(1) }, now)).toBe(true);
    expect(isCrashLooping({ state: 'running', restartCount: 3, startedAt: minutesAgo(0.1), finishedAt: minutesAgo(0.2) }, now)).toBe(true);
    // Restarted once: a blip, not a loop.
    expect(isCrashLooping({ state: 'running', restartCount: 1, startedAt: minutesAgo(0.1), finishedAt: minutesAgo(0.2) }, now)).toBe(false);
    // Many restarts long ago, running quietly since.
    expect(isCrashLooping({ state: 'running', restartCount: 9, startedAt: minutesAgo(120), finishedAt: minutesAgo(120) }, now)).toBe(false);
    expect(isCrashLooping({ state: 'exited', restartCount: 0, startedAt: minutesAgo(1), finishedAt: minutesAgo(1) }, now)).toBe(false);
  });
});
