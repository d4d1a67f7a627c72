import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './limiter';

const T = 1_000_000;

describe('the sign-in back-off', () => {
  it('lets five attempts be in flight and refuses the sixth until they end', () => {
    const limiter = new LoginLimiter();
    const started = Array.from({ length: 40 }, () => limiter.begin(['10.0.0.1'], T));
    expect(started.filter((a) => a.allowed)).toHaveLength(5);
    const refused = started.find((a) => !a.allowed);
    if (!refused || refused.allowed) throw new Error('nothing was refused');
    expect(refused.retryAfterSeconds).toBe(1);
  });

  it('forgets an attempt that succeeds, so in-flight attempts count as failures only until then', () => {
    const limiter = new LoginLimiter();
    const attempts = Array.from({ length: 5 }, () => limiter.begin(['10.0.0.1'], T));
    expect(limiter.begin(['10.0.0.1'], T).allowed).toBe(false);
    for (const a of attempts) if (a.allowed) a.end(true, T);
    expect(limiter.begin(['10.0.0.1'], T).allowed).toBe(true);
  });

  it('doubles the wait after each failure past the fifth', () => {
    const limiter = new LoginLimiter();
    let now = T;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const a = limiter.begin(['10.0.0.1'], now);
      if (!a.allowed) throw new Error(`attempt ${i} refused`);
      a.end(false, now);
      const probe = limiter.begin(['10.0.0.1'], now);
      if (probe.allowed) probe.end(true, now);
      const wait = probe.allowed ? 0 : probe.retryAfterSeconds;
      waits.push(wait);
      now += wait * 1000;
    }
    expect(waits).toEqual([0, 0, 0, 0, 1, 2, 4, 8]);
  });

  it('refuses when any key backs off, and counts the attempt against every key', () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 5; i++) {
      const a = limiter.begin([`10.0.0.${i}`, 'user:dave'], T);
      if (a.allowed) a.end(false, T);
    }
    expect(limiter.begin(['10.0.0.9', 'user:dave'], T).allowed).toBe(false);
    expect(limiter.begin(['10.0.0.9', 'user:erin'], T).allowed).toBe(true);
    expect(limiter.begin(['10.0.0.1'], T).allowed).toBe(true);
  });

  it('forgets failures after a quiet quarter of an hour', () => {
    const limiter = new LoginLimiter();
    const fail = (now: number) => {
      const a = limiter.begin(['10.0.0.1'], now);
      if (a.allowed) a.end(false, now);
      return a.allowed;
    };
    for (let i = 0; i < 5; i++) fail(T);
    expect(fail(T + 16 * 60_000)).toBe(true);
    expect(limiter.begin(['10.0.0.1'], T + 16 * 60_000).allowed).toBe(true);
  });
});
