// Which cached queries an engine event makes stale (pure, so the mapping is unit-tested apart from React).
import type { EngineEvent } from '@/lib/router-types';

/** A set of tRPC queries that go stale together. */
export type QueryFamily = 'containers' | 'images' | 'volumes' | 'networks' | 'df' | 'swarm';

export const ALL_FAMILIES: readonly QueryFamily[] = ['containers', 'images', 'volumes', 'networks', 'df', 'swarm'];

// Container actions that change nothing a list or inspect shows; exec and attach happen constantly under `docker exec`.
const QUIET_CONTAINER = /^(exec_|attach|detach|resize|top|archive-path|extract-to-dir|export|copy)/;

/** The query families to refresh after `e`; empty when the event changes nothing Berth shows. */
export function familiesFor(e: Pick<EngineEvent, 'type' | 'action'>): QueryFamily[] {
  switch (e.type) {
    case 'container':
      if (QUIET_CONTAINER.test(e.action)) return [];
      // Images count the containers that use them; volumes list who mounts them.
      if (e.action === 'create' || e.action === 'destroy') return ['containers', 'images', 'volumes', 'df'];
      if (e.action === 'commit') return ['containers', 'images', 'df'];
      return ['containers', 'df'];
    case 'image':
      return e.action === 'save' || e.action === 'push' ? [] : ['images', 'df'];
    case 'volume':
      return e.action === 'mount' || e.action === 'unmount' ? ['volumes'] : ['volumes', 'df'];
    case 'network':
      // A container's networks show on its page and in its inspect JSON; overlay networks list their services.
      return e.action === 'connect' || e.action === 'disconnect' ? ['networks', 'containers'] : ['networks', 'swarm'];
    case 'service':
    case 'node':
    case 'secret':
    case 'config':
    // Berth's own `task` events while a service converges: replicas, the matrix and the tasks table change.
    case 'task':
      return ['swarm'];
    case 'builder':
      return ['images', 'df'];
    default:
      return [];
  }
}
