// Swarm tasks have no engine events: while a service converges (after a service or node event), its tasks are
// watched on the server and each change goes out as Berth's own `task` event in the engine's event stream.
import type Docker from 'dockerode';
import { getJson } from '../engines/wire';
import { invalidateServices } from '../docker/swarm';
import type { RawService, RawTask } from '../docker/swarm-map';
import { serviceMode } from '../docker/swarm-map';
import type { EngineEvent } from './events';

/** How often converging services' tasks are read, and how long a service is watched after its last event. */
export const TASK_POLL_MS = 1000;
export const TASK_WATCH_MS = 120_000;
/** Most services watched at once by one subscription; a burst of events beyond it watches every service instead. */
const MAX_WATCHED = 50;
const IN_PROGRESS = new Set(['updating', 'rollback_started']);

interface Snapshot {
  signature: string;
  converged: boolean;
  name: string;
}

/** Where each watched service stands: its tasks' states, the replicas wanted, the update's state. */
export function snapshots(services: RawService[], tasks: RawTask[]): Map<string, Snapshot> {
  const byService = new Map<string, RawTask[]>();
  for (const t of tasks) {
    if (!t.ServiceID) continue;
    const list = byService.get(t.ServiceID) ?? [];
    list.push(t);
    byService.set(t.ServiceID, list);
  }
  const out = new Map<string, Snapshot>();
  for (const s of services) {
    const own = (byService.get(s.ID) ?? []).filter((t) => t.DesiredState === 'running');
    const running = own.filter((t) => t.Status?.State === 'running').length;
    const mode = serviceMode(s.Spec);
    const wanted = mode === 'replicated' ? (s.Spec.Mode?.Replicated?.Replicas ?? 1) : own.length;
    const update = s.UpdateStatus?.State ?? '';
    const states = own.map((t) => `${t.ID}:${t.Status?.State}:${t.NodeID ?? ''}`).sort().join(',');
    out.set(s.ID, {
      signature: `${running}/${wanted}/${update}/${states}`,
      converged: running === wanted && own.length === wanted && !IN_PROGRESS.has(update),
      name: s.Spec.Name ?? s.ID,
    });
  }
  return out;
}

/** A merge of an async source and values pushed from timers, ending when the source ends or the signal aborts. */
class Channel<T> {
  private queue: T[] = [];
  private wake: (() => void) | null = null;
  private failure: { err: unknown } | null = null;
  done = false;

  push(v: T): void {
    this.queue.push(v);
    this.notify();
  }
  fail(err: unknown): void {
    this.failure = { err };
    this.notify();
  }
  end(): void {
    this.done = true;
    this.notify();
  }
  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
  async *drain(): AsyncGenerator<T> {
    for (;;) {
      if (this.queue.length) {
        yield this.queue.shift()!;
        continue;
      }
      if (this.failure) throw this.failure.err;
      if (this.done) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

/**
 * The engine's events, with a `task` event (`actorId` the service's id) each time a converging service's tasks
 * change. Watching is bounded: a service is read at most once a second, for at most two minutes after its last
 * event, and no longer once it has converged or the subscriber has left.
 */
export async function* withTaskEvents(api: Docker, source: AsyncGenerator<EngineEvent>, signal?: AbortSignal): AsyncGenerator<EngineEvent> {
  const channel = new Channel<EngineEvent>();
  /** Service id (or '*' for all services, after a node event) → when its watch ends. */
  const watched = new Map<string, number>();
  const last = new Map<string, string>();
  let position = `${BigInt(Date.now()) * 1_000_000n}#0`;
  let seq = 0;
  let timer: NodeJS.Timeout | null = null;
  let polling = false;

  const schedule = () => {
    if (timer || polling || !watched.size || signal?.aborted || channel.done) return;
    timer = setTimeout(() => {
      timer = null;
      void poll();
    }, TASK_POLL_MS);
  };

  const poll = async () => {
    polling = true;
    try {
      const now = Date.now();
      for (const [id, until] of watched) if (until < now) watched.delete(id);
      if (!watched.size) return;
      const all = watched.has('*');
      const ids = [...watched.keys()].filter((k) => k !== '*');
      const filter = (f: Record<string, string[]>) => `filters=${encodeURIComponent(JSON.stringify(f))}`;
      const [services, tasks] = await Promise.all([
        getJson<RawService[]>(api, all ? '/services' : `/services?${filter({ id: ids })}`),
        getJson<RawTask[]>(api, `/tasks?${filter(all ? { 'desired-state': ['running'] } : { 'desired-state': ['running'], service: ids })}`),
      ]);
      const snaps = snapshots(services, tasks);
      let anyUnsettled = false;
      for (const [id, snap] of snaps) {
        const before = last.get(id);
        last.set(id, snap.signature);
        // A service named by an event gets one at its first read too: the lists refetch once it has moved on.
        if (before !== snap.signature && (before !== undefined || ids.includes(id))) {
          // Whoever refetches on this event must see the tasks it announces.
          invalidateServices(api);
          channel.push({ id: `${position}~${(seq++).toString(36)}`, time: Date.now(), type: 'task', action: 'update', actorId: id, name: snap.name, attributes: { name: snap.name } });
        }
        // A service is let go once it has converged and a read after that saw no change.
        if (snap.converged && before === snap.signature) watched.delete(id);
        else anyUnsettled = true;
      }
      for (const id of ids) if (!snaps.has(id)) watched.delete(id);
      if (all && !anyUnsettled) watched.delete('*');
    } catch {
      // Not a manager any more, or the engine went away: the events stream itself says so.
      watched.clear();
    } finally {
      polling = false;
      schedule();
    }
  };

  const watch = (id: string) => {
    if (!watched.has(id) && watched.size >= MAX_WATCHED) id = '*';
    watched.set(id, Date.now() + TASK_WATCH_MS);
    schedule();
  };

  const pump = (async () => {
    try {
      for await (const e of source) {
        if (!e.id.includes('~')) position = e.id;
        channel.push(e);
        if (e.type === 'service' && e.action !== 'remove') watch(e.actorId);
        else if (e.type === 'node' && e.action === 'update') watch('*');
        else if (e.type === 'service' && e.action === 'remove') {
          watched.delete(e.actorId);
          last.delete(e.actorId);
        }
      }
      channel.end();
    } catch (err) {
      channel.fail(err);
    }
  })();
  // A subscriber may arrive while services still converge after events it never saw (a drain just before a page
  // opened): every service is read once at the start, and watched on while any has not converged.
  watch('*');
  const onAbort = () => channel.end();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    yield* channel.drain();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    channel.done = true;
    if (timer) clearTimeout(timer);
    watched.clear();
    // The source ends on the signal (its engine stream is destroyed); its return is not awaited while a read is pending.
    void source.return(undefined).catch(() => undefined);
    void pump;
  }
}
