// Slows down guessing: after a few failed sign-ins for one key (an address, a user name), each further try waits twice as long.
export type Attempt =
  | { allowed: true; /** Settles the attempt: a failure stays counted, a success is taken back. */ end(ok: boolean, now?: number): void }
  | { allowed: false; retryAfterSeconds: number };

const FREE_FAILURES = 5;
const BASE_MS = 1_000;
const MAX_MS = 5 * 60_000;
const FORGET_MS = 15 * 60_000;

interface Entry {
  failures: number;
  /** Attempts begun and not yet settled: they count as failures, so parallel guesses cannot all pass the check. */
  pending: number;
  blockedUntil: number;
  lastSeen: number;
}

export function tooManyFailures(retryAfterSeconds: number): string {
  return `Too many failed sign-ins: try again in ${retryAfterSeconds} s.`;
}

function backOff(e: Entry, now: number): number {
  const count = e.failures + e.pending;
  return count >= FREE_FAILURES ? now + Math.min(MAX_MS, BASE_MS * 2 ** (count - FREE_FAILURES)) : 0;
}

export class LoginLimiter {
  private readonly entries = new Map<string, Entry>();

  /**
   * Reserves an attempt against every key before the credential is checked (a password hash takes a while),
   * or refuses when any key is backing off.
   */
  begin(keys: readonly string[], now = Date.now()): Attempt {
    const wait = Math.max(0, ...keys.map((k) => (this.live(k, now)?.blockedUntil ?? 0) - now));
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    const entries = keys.map((k) => this.live(k, now) ?? this.add(k, now));
    for (const e of entries) {
      e.pending++;
      e.lastSeen = now;
      e.blockedUntil = backOff(e, now);
    }
    let open = true;
    return {
      allowed: true,
      end(ok, at = Date.now()) {
        if (!open) return;
        open = false;
        for (const e of entries) {
          e.pending--;
          if (!ok) e.failures++;
          e.lastSeen = at;
          // A failure waits from when it was answered; a success only ever shortens the wait.
          e.blockedUntil = ok ? Math.min(e.blockedUntil, backOff(e, at)) : Math.max(e.blockedUntil, backOff(e, at));
        }
      },
    };
  }

  /** Forgets every failure of this key (an operator unblocking an address). */
  succeed(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.pending === 0 && now - e.lastSeen > FORGET_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private add(key: string, now: number): Entry {
    const e: Entry = { failures: 0, pending: 0, blockedUntil: 0, lastSeen: now };
    this.entries.set(key, e);
    if (this.entries.size > 10_000) this.sweep(now);
    return e;
  }

  private sweep(now: number): void {
    for (const [k, e] of this.entries) if (e.pending === 0 && now - e.lastSeen > FORGET_MS) this.entries.delete(k);
  }
}
