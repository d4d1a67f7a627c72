// Runs the VM's long operations one at a time in the background, keeping each one's step, progress and log.
import { BerthError } from '../errors';

export type VmOperationKind = 'build' | 'start' | 'stop' | 'restart' | 'apply' | 'move' | 'reclaim' | 'reset' | 'rebuild' | 'engine' | 'network';

export interface VmOperation {
  id: number;
  kind: VmOperationKind;
  step: string;
  progress: number;
  startedAt: string;
  finishedAt?: string;
  error?: string;
  result?: string;
  log: string[];
}

/** What an operation's steps report through: a log line, or a new step with the progress so far (0 to 1). */
export interface StepContext {
  log: (line: string) => void;
  step: (progress: number, step: string) => void;
  signal?: AbortSignal;
}

export interface StartedOperation {
  id: number;
  done: Promise<void>;
}

const LOG_LINES = 500;

export class OperationRunner {
  private op: VmOperation | null = null;
  private done: Promise<void> | null = null;
  private nextId = 1;

  /** `settled` runs after every operation, whether it succeeded or not. */
  constructor(private readonly settled: () => void = () => undefined) {}

  /** The latest operation, running or finished. */
  current(): VmOperation | null {
    return this.op;
  }

  /** The kind of the operation still running, if one is. */
  busy(): VmOperationKind | null {
    return this.op && !this.op.finishedAt ? this.op.kind : null;
  }

  /** Starts `work` in the background; a second operation while one runs is refused with a sentence. */
  begin(kind: VmOperationKind, work: (ctx: StepContext) => Promise<string | void>): StartedOperation {
    if (this.op && !this.op.finishedAt) {
      throw new BerthError('CONFLICT', `The VM is busy: "${this.op.kind}" is still running (${this.op.step}). Wait for it to finish.`);
    }
    const op: VmOperation = { id: this.nextId++, kind, step: 'Starting', progress: 0, startedAt: new Date().toISOString(), log: [] };
    this.op = op;
    const ctx: StepContext = {
      log: (line) => {
        op.log.push(line);
        if (op.log.length > LOG_LINES) op.log.splice(0, op.log.length - LOG_LINES);
      },
      step: (progress, step) => {
        op.progress = Math.max(op.progress, Math.min(1, progress));
        op.step = step;
        op.log.push(`== ${step}`);
      },
    };
    const done = (async () => {
      try {
        const result = await work(ctx);
        if (result) op.result = result;
        op.progress = 1;
      } catch (err) {
        op.error = (err as Error).message;
        ctx.log(`failed: ${op.error}`);
      } finally {
        op.finishedAt = new Date().toISOString();
        this.settled();
      }
    })();
    this.done = done;
    return { id: op.id, done };
  }

  /** Resolves when the current operation ends; rejects with its sentence when it failed. */
  async wait(): Promise<VmOperation | null> {
    await this.done;
    if (this.op?.error) throw new BerthError('ENGINE_ERROR', this.op.error);
    return this.op;
  }
}
