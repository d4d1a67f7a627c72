// Which engine events the events page shows: by container, image, action and type, with exec noise (health checks) hidden.
import type { EngineEvent } from '@/lib/router-types';

export interface EventFilter {
  type: string;
  container: string;
  image: string;
  action: string;
  /** Show exec_create, exec_start and exec_die: a health check makes three every interval. */
  execs: boolean;
}

/** "exec_start: /bin/sh -c curl …" → "exec_start"; "health_status: healthy" → "health_status". */
export function baseAction(action: string): string {
  const i = action.indexOf(':');
  return i < 0 ? action : action.slice(0, i);
}

export function isExecNoise(e: EngineEvent): boolean {
  return e.type === 'container' && baseAction(e.action).startsWith('exec_');
}

/** The image an event is about: a container's image, or the image itself. */
function imageOf(e: EngineEvent): string {
  if (e.type === 'image') return `${e.name} ${e.actorId}`;
  return e.attributes.image ?? '';
}

export function matches(e: EngineEvent, f: EventFilter): boolean {
  if (!f.execs && isExecNoise(e)) return false;
  if (f.type && e.type !== f.type) return false;
  if (f.action && baseAction(e.action) !== f.action) return false;
  if (f.container) {
    if (e.type !== 'container') return false;
    const q = f.container.toLowerCase();
    if (!e.name.toLowerCase().includes(q) && !e.actorId.startsWith(q)) return false;
  }
  if (f.image && !imageOf(e).toLowerCase().includes(f.image.toLowerCase())) return false;
  return true;
}
