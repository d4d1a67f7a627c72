// Reads the engine's build progress (JSON messages: stream text, status, aux id, errors) into lines a person reads:
// step headers, their output, errors; and remembers enough to say which step failed and how it ended.

export interface BuildLine {
  kind: 'step' | 'out' | 'info' | 'error';
  text: string;
}

interface BuildMessage {
  stream?: string;
  status?: string;
  id?: string;
  progressDetail?: { current?: number };
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

/** A step's output kept for the sentence a failure gets. */
const LAST_LINES = 5;
const MAX_LINE = 16 * 1024;
const STEP_RE = /^Step (\d+)\/(\d+) : (.*)$/;
// The engine's own bookkeeping between steps, shown muted.
const INFO_RE = /^ ---> |^Removing intermediate container |^Successfully (built|tagged) /;

export class BuildOutput {
  imageId: string | null = null;
  step: { n: number; total: number; instruction: string } | null = null;
  failure: string | null = null;
  private last: string[] = [];
  private partial = '';

  /** The lines in one burst of the engine's JSON messages (a burst may end inside a message). */
  private rest = '';

  read(chunk: string): BuildLine[] {
    const lines: BuildLine[] = [];
    this.rest += chunk;
    let nl: number;
    while ((nl = this.rest.indexOf('\n')) >= 0) {
      const raw = this.rest.slice(0, nl).trim();
      this.rest = this.rest.slice(nl + 1);
      if (raw) this.message(raw, lines);
    }
    return lines;
  }

  /** What is left when the engine ends its answer. */
  end(): BuildLine[] {
    const lines: BuildLine[] = [];
    if (this.rest.trim()) this.message(this.rest.trim(), lines);
    this.rest = '';
    if (this.partial) this.line(this.partial, lines);
    this.partial = '';
    return lines;
  }

  private message(raw: string, lines: BuildLine[]): void {
    let m: BuildMessage;
    try {
      m = JSON.parse(raw) as BuildMessage;
    } catch {
      this.line(raw, lines);
      return;
    }
    if (m.aux?.ID) this.imageId = m.aux.ID;
    if (typeof m.stream === 'string') this.text(m.stream, lines);
    if (typeof m.status === 'string' && m.progressDetail?.current === undefined) {
      lines.push({ kind: 'info', text: m.id ? `${m.id}: ${m.status}` : m.status });
    }
    if (m.error !== undefined || m.errorDetail?.message !== undefined) {
      if (this.partial) this.line(this.partial, lines);
      this.partial = '';
      this.failure = (m.errorDetail?.message ?? m.error ?? 'unknown error').trim();
      lines.push({ kind: 'error', text: this.failure });
    }
  }

  /** Output text arrives in pieces that may end mid-line; a carriage return (progress bars) keeps only what follows it. */
  private text(s: string, lines: BuildLine[]): void {
    const parts = (this.partial + s).split('\n');
    this.partial = parts.pop() ?? '';
    if (this.partial.length > MAX_LINE) {
      this.line(this.partial, lines);
      this.partial = '';
    }
    for (const p of parts) this.line(p, lines);
  }

  private line(raw: string, lines: BuildLine[]): void {
    const text = raw.slice(raw.lastIndexOf('\r', raw.length - 2) + 1).replace(/\r$/, '').slice(0, MAX_LINE);
    const step = STEP_RE.exec(text);
    if (step) {
      this.step = { n: Number(step[1]), total: Number(step[2]), instruction: step[3]! };
      this.last = [];
      lines.push({ kind: 'step', text });
      return;
    }
    if (INFO_RE.test(text)) {
      const built = /^Successfully built ([0-9a-f]+)/.exec(text);
      if (built && !this.imageId) this.imageId = built[1]!;
      lines.push({ kind: 'info', text });
      return;
    }
    if (text.trim()) {
      this.last.push(text);
      if (this.last.length > LAST_LINES) this.last.shift();
    }
    lines.push({ kind: 'out', text });
  }

  /** The sentence for a failed build: the step, its instruction, the engine's reason and the step's last lines. */
  failureSentence(): string {
    const reason = (this.failure ?? 'the engine ended the build without an image').replace(/\.+$/, '');
    const tail = this.last.length ? ` Its last output: ${this.last.map((l) => `"${l.length > 200 ? `${l.slice(0, 200)}…` : l}"`).join(', ')}.` : '';
    if (!this.step) return `The build failed before its first step: ${reason}.`;
    const instruction = this.step.instruction.length > 120 ? `${this.step.instruction.slice(0, 120)}…` : this.step.instruction;
    return `Step ${this.step.n}/${this.step.total} (${instruction}) failed: ${reason}.${tail}`;
  }
}
