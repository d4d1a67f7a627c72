// What a container's list entry says about its trouble: health, exit code, and whether it is crash-looping.

export type Health = 'healthy' | 'unhealthy' | 'starting';

/** Restarts that, close together, make a crash loop rather than a container that was restarted once. */
const LOOP_RESTARTS = 3;
/** How recent the last start or exit must be for a loop to be current. */
const LOOP_WINDOW_MS = 5 * 60_000;

/** Health from the engine's own field (newer engines) or from the status line ("Up 5 seconds (unhealthy)"). */
export function healthOf(status: string, field?: string): Health | undefined {
  const raw = field || /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1];
  if (raw === 'healthy' || raw === 'unhealthy') return raw;
  if (raw === 'starting' || raw === 'health: starting') return 'starting';
  return undefined;
}

/** The exit code an exited or restarting container's status line carries ("Exited (3) 2 seconds ago"). */
export function exitCodeOf(status: string): number | undefined {
  const m = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status);
  return m ? Number(m[1]) : undefined;
}

export interface LoopFacts {
  state: string;
  restartCount: number;
  /** Milliseconds since the epoch; 0 when unknown. */
  startedAt: number;
  finishedAt: number;
}

/** Restarting now, or restarted several times by its policy with the last start or exit within minutes. */
export function isCrashLooping(c: LoopFacts, now: number): boolean {
  if (c.state === 'restarting') return true;
  if (c.restartCount < LOOP_RESTARTS) return false;
  return now - Math.max(c.startedAt, c.finishedAt) < LOOP_WINDOW_MS;
}
