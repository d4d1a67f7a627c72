// The pulls and pushes running in this process, by opId: they outlive the page that started them until they end,
// are cancelled, or (once finished) a few minutes have passed.
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { TransferKind, TransferSnapshot } from '@/lib/transfer';
import { pause } from '@/server/engines/wire';
import { TransferProgress } from './progress';
import { type TransferOutcome, runTransfer, transferTarget } from './transfer';

/** How long a finished operation stays in the list, so a page that comes back still sees how it ended. */
export const KEEP_FINISHED_MS = 5 * 60_000;
/** At most this many finished operations are kept, oldest dropped first. */
const KEEP_FINISHED_COUNT = 50;
/** The least time between two snapshots sent to one watcher: about ten a second however many layers move. */
export const SNAPSHOT_INTERVAL_MS = 100;

interface Operation {
  base: Pick<TransferSnapshot, 'opId' | 'kind' | 'engine' | 'ref' | 'startedAt'>;
  progress: TransferProgress;
  abort: AbortController;
  outcome?: TransferOutcome;
  endedAt?: number;
  /** Resolves when the operation ends. */
  ended: Promise<void>;
  /** Woken on every change. */
  waiters: Set<() => void>;
}

export class Operations {
  private readonly ops = new Map<string, Operation>();

  /** Starts a pull or push on `api` (throws a sentence for a malformed reference before anything starts). */
  start(api: Docker, args: { kind: TransferKind; engine: string; ref: string; auth?: string }): string {
    const target = transferTarget(args.kind, args.ref);
    this.prune();
    const opId = randomUUID();
    const progress = new TransferProgress(args.kind);
    const abort = new AbortController();
    const op: Operation = {
      base: { opId, kind: args.kind, engine: args.engine, ref: target.ref, startedAt: Date.now() },
      progress,
      abort,
      waiters: new Set(),
      ended: Promise.resolve(),
    };
    // Lines arrive far more often than anyone looks; a watcher is only woken, and builds its snapshot when it reads.
    const apply = progress.apply.bind(progress);
    progress.apply = (line) => {
      apply(line);
      wake(op);
    };
    op.ended = runTransfer(api, args.kind, target, { auth: args.auth, signal: abort.signal, progress }).then((outcome) => {
      op.outcome = outcome;
      op.endedAt = Date.now();
      wake(op);
    });
    this.ops.set(opId, op);
    return opId;
  }

  get(opId: string): TransferSnapshot | undefined {
    const op = this.ops.get(opId);
    return op && toSnapshot(op);
  }

  /** Every operation kept: running ones first (oldest first), then finished ones (latest first). */
  list(): TransferSnapshot[] {
    this.prune();
    const all = [...this.ops.values()];
    const running = all.filter((o) => !o.outcome).sort((a, b) => a.base.startedAt - b.base.startedAt);
    const finished = all.filter((o) => o.outcome).sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
    return [...running, ...finished].map(toSnapshot);
  }

  /** Cancels a running operation and waits until the engine's request is gone; false when there is no such operation. */
  async cancel(opId: string): Promise<TransferSnapshot | undefined> {
    const op = this.ops.get(opId);
    if (!op) return undefined;
    op.abort.abort();
    await op.ended;
    return toSnapshot(op);
  }

  /**
   * The operation's snapshots as it goes: the current one at once, then at most one per SNAPSHOT_INTERVAL_MS while
   * anything changed, and always the final one. Ends when the operation does or `signal` aborts; the operation goes on.
   */
  async *watch(opId: string, signal?: AbortSignal): AsyncGenerator<TransferSnapshot> {
    const op = this.ops.get(opId);
    if (!op) return;
    let seen = -1;
    while (!signal?.aborted) {
      if (op.progress.version === seen && !op.outcome) {
        await changed(op, signal);
        continue;
      }
      seen = op.progress.version;
      const snapshot = toSnapshot(op);
      yield snapshot;
      if (snapshot.state !== 'running') return;
      await pause(SNAPSHOT_INTERVAL_MS, signal);
    }
  }

  /** Ends every running operation (process shutdown, tests). */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.ops.keys()].map((id) => this.cancel(id)));
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.ops.values()].filter((o) => o.endedAt !== undefined).sort((a, b) => b.endedAt! - a.endedAt!);
    finished.forEach((o, i) => {
      if (i >= KEEP_FINISHED_COUNT || now - o.endedAt! > KEEP_FINISHED_MS) this.ops.delete(o.base.opId);
    });
  }
}

function wake(op: Operation): void {
  const waiters = [...op.waiters];
  op.waiters.clear();
  for (const w of waiters) w();
}

function changed(op: Operation, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      op.waiters.delete(done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    op.waiters.add(done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function toSnapshot(op: Operation): TransferSnapshot {
  const { layers, current, total } = op.progress.snapshot();
  const outcome = op.outcome;
  return {
    ...op.base,
    state: outcome?.state ?? 'running',
    layers,
    current,
    total,
    ...(op.progress.digest ? { digest: op.progress.digest } : {}),
    ...(outcome?.state === 'failed' ? { error: outcome.error } : {}),
    ...(op.progress.message ? { message: op.progress.message } : {}),
    ...(op.endedAt ? { endedAt: op.endedAt } : {}),
  };
}

/** The process's operations: one list, whichever connection started or watches them. */
export const operations = new Operations();
