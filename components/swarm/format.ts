// Small words and numbers the swarm pages share: replicas, update states, durations in nanoseconds, labels.
import type { PublishedPort, SwarmService, UpdateStatus } from '@/lib/swarm';

/** "6/6": tasks running over tasks wanted; short when fewer run than are wanted. */
export function replicas(s: { running: number; desired: number }): { text: string; short: boolean } {
  return { text: `${s.running}/${s.desired}`, short: s.running < s.desired };
}

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral' | 'info';

const UPDATE: Record<string, { text: string; tone: Tone }> = {
  updating: { text: 'updating', tone: 'info' },
  paused: { text: 'update paused', tone: 'bad' },
  completed: { text: 'updated', tone: 'ok' },
  rollback_started: { text: 'rolling back', tone: 'warn' },
  rollback_paused: { text: 'rollback paused', tone: 'bad' },
  rollback_completed: { text: 'rolled back', tone: 'warn' },
};

/** The update state as a short word and its colour; null when there is nothing to say. */
export function updateWord(u: UpdateStatus | null): { text: string; tone: Tone } | null {
  if (!u || !u.state) return null;
  return UPDATE[u.state] ?? { text: u.state.replace(/_/g, ' '), tone: 'neutral' };
}

export function modeWord(mode: SwarmService['mode']): string {
  return mode === 'replicated-job' ? 'replicated job' : mode === 'global-job' ? 'global job' : mode;
}

/** "8080:80/tcp (host)"; a port without a published number is the target alone. */
export function portText(p: PublishedPort): string {
  const base = p.published ? `${p.published}:${p.target}` : `${p.target}`;
  return `${base}/${p.protocol}${p.mode === 'host' ? ' (host)' : ''}`;
}

/** Nanoseconds as a short duration: "5s", "1m30s", "250ms"; null stays a dash. */
export function durationNs(ns: number | null | undefined): string {
  if (ns === null || ns === undefined) return '';
  if (ns === 0) return '0s';
  const ms = ns / 1e6;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

export function labelRows(labels: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
}

/** Labels that Docker's stack tooling adds: shown apart from the user's own. */
export function isStackLabel(key: string): boolean {
  return key.startsWith('com.docker.stack.');
}

const TASK_TONE: Record<string, Tone> = {
  running: 'ok',
  complete: 'neutral',
  shutdown: 'neutral',
  failed: 'bad',
  rejected: 'bad',
  orphaned: 'warn',
  remove: 'neutral',
};

export function taskTone(state: string): Tone {
  return TASK_TONE[state] ?? 'info';
}

const NODE_TONE: Record<string, Tone> = { ready: 'ok', down: 'bad', disconnected: 'bad', unknown: 'warn' };
export function nodeTone(state: string): Tone {
  return NODE_TONE[state] ?? 'neutral';
}

export function availabilityTone(a: string): Tone {
  return a === 'active' ? 'ok' : a === 'drain' ? 'warn' : 'info';
}
