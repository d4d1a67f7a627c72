// One timer for every open stream's credential re-check, instead of a timer per stream.
export class Watcher {
  private readonly checks = new Set<() => boolean>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  /** `check` returns true when it is done (it fired); it is then dropped. Returns a function that drops it. */
  add(check: () => boolean): () => void {
    this.checks.add(check);
    this.timer ??= setInterval(() => this.run(), this.intervalMs).unref();
    return () => this.remove(check);
  }

  private remove(check: () => boolean): void {
    this.checks.delete(check);
    if (this.checks.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private run(): void {
    for (const check of [...this.checks]) {
      if (check()) this.remove(check);
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.checks.clear();
  }
}
