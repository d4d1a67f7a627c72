// Slows down guessing: after a few failed sign-ins from one address, each further try waits twice as long.
export interface LimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

const FREE_FAILURES = 5;
const BASE_MS = 1_000;
const MAX_MS = 5 * 60_000;
const FORGET_MS = 15 * 60_000;

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

export class LoginLimiter {
  private readonly entries = new Map<string, Entry>();

  check(address: string, now = Date.now()): LimitDecision {
    const e = this.entries.get(address);
    if (!e || now - e.lastFailure > FORGET_MS || now >= e.blockedUntil) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.ceil((e.blockedUntil - now) / 1000) };
  }

  fail(address: string, now = Date.now()): void {
    const old = this.entries.get(address);
    const e = old && now - old.lastFailure <= FORGET_MS ? old : { failures: 0, blockedUntil: 0, lastFailure: now };
    e.failures++;
    e.lastFailure = now;
    if (e.failures >= FREE_FAILURES) e.blockedUntil = now + Math.min(MAX_MS, BASE_MS * 2 ** (e.failures - FREE_FAILURES));
    this.entries.set(address, e);
    if (this.entries.size > 10_000) this.sweep(now);
  }

  succeed(address: string): void {
    this.entries.delete(address);
  }

  private sweep(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastFailure > FORGET_MS) this.entries.delete(k);
  }
}
