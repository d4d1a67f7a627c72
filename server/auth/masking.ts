// Viewers see no secrets: one deep walk over every viewer output masks values whose keys look secret.
import { isTrackedEnvelope, tracked } from '@trpc/server';

export const MASK = '••••••••';
const SECRET_KEY = /pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth|session|cookie|signature|salt|dsn|connection[_-]?string|^key$|_key$/i;

/** Their outputs are log text and numbers, never env records; masking would alter logs and slow the busiest streams. */
export const UNMASKED_PROCEDURES: ReadonlySet<string> = new Set(['containers.logs', 'containers.stats', 'containers.statsAll', 'swarm.serviceLogs']);

/** Fields of Berth's and Docker's own records whose names merely look secret ("auth" in Author). */
const PLAIN_FIELDS = new Set(['author']);

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

// The same few keys come back on every row; remembering the answer keeps big lists cheap.
const verdicts = new Map<string, boolean>();
function secretKey(key: string): boolean {
  let v = verdicts.get(key);
  if (v === undefined) {
    v = isSecretKey(key);
    if (verdicts.size > 10_000) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}

function secretFlag(arg: unknown): boolean {
  return typeof arg === 'string' && /^--?[A-Za-z_][\w.-]*$/.test(arg) && secretKey(arg.replace(/^--?/, ''));
}

// A name, optionally a -flag or --flag, right before "="; the lookbehind keeps "FOO_TOKEN" whole.
const ASSIGNMENT = /(?<![\w.-])-{0,2}([A-Za-z_][\w.-]*)=/g;

/** "KEY=value" text: the whole rest of a line that starts with a secret key, or a secret `key=word` inside a command or URL. */
function maskText(text: string): string {
  if (!text.includes('=')) return text;
  let out = '';
  let from = 0;
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    if (!secretKey(m[1]!)) continue;
    const start = ASSIGNMENT.lastIndex;
    const end = m.index === 0 ? text.length : valueEnd(text, start);
    if (end === start) continue;
    out += text.slice(from, start) + MASK;
    from = end;
    ASSIGNMENT.lastIndex = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

function valueEnd(text: string, start: number): number {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, start + 1);
    return close < 0 ? text.length : close + 1;
  }
  const rest = text.slice(start).search(/[\s&;,"')]/);
  return rest < 0 ? text.length : start + rest;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Returns the same reference when nothing inside needed masking, so clean outputs are not copied. */
function maskAny(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return maskArray(value);
  return isPlainObject(value) ? maskRecord(value) : value;
}

function maskArray(items: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // ["--password", "value"]: the argument after a secret-looking flag is its value.
    const next = typeof item === 'string' && i > 0 && secretFlag(items[i - 1]) ? MASK : maskAny(item);
    if (next !== item) (out ??= items.slice())[i] = next;
  }
  return out ?? items;
}

function maskRecord(record: Record<string, unknown>): Record<string, unknown> {
  const pair = typeof record.key === 'string' && 'value' in record;
  const secretPair = pair && secretKey(record.key as string);
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const value = record[key];
    let next: unknown;
    if (typeof value !== 'string') next = maskAny(value);
    else if (key === 'value' && secretPair) next = MASK;
    else if (key === 'raw') next = maskRawJson(value);
    else if (!(pair && key === 'key') && !PLAIN_FIELDS.has(key.toLowerCase()) && secretKey(key)) next = MASK;
    else next = maskText(value);
    if (next !== value) (out ??= { ...record })[key] = next;
  }
  return out ?? record;
}

/** The inspect JSON Berth shows as text gets the same walk, and the same 2-space layout back. */
function maskRawJson(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return maskText(raw);
  }
  const masked = maskAny(parsed);
  return masked === parsed ? raw : JSON.stringify(masked, null, 2);
}

function maskItem(value: unknown): unknown {
  return isTrackedEnvelope(value) ? tracked(value[0], maskAny(value[1])) : maskAny(value);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Masks each value; return() and throw() reach the source, so its engine stream closes when the client goes. */
function maskIterable(source: AsyncIterable<unknown>): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<unknown> {
      const it = source[Symbol.asyncIterator]();
      const masked = (r: IteratorResult<unknown>): IteratorResult<unknown> => (r.done ? r : { done: false, value: maskItem(r.value) });
      return {
        next: async () => masked(await it.next()),
        return: async (value?: unknown) => (it.return ? it.return(value) : { done: true, value }),
        throw: async (err?: unknown) => {
          if (it.throw) return masked(await it.throw(err));
          await it.return?.();
          throw err;
        },
      };
    },
  };
}

/** Every output a viewer receives passes here (queries and each value of a subscription). */
export function maskForViewer(path: string, data: unknown): unknown {
  if (UNMASKED_PROCEDURES.has(path)) return data;
  return isAsyncIterable(data) ? maskIterable(data) : maskAny(data);
}
