// Searches a container's whole log on the engine, streaming matches as they are found; closing the search ends the engine read.
import type Docker from 'dockerode';
import { stripAnsi } from '../../components/logs/ansi';
import { chunkBursts } from '../engines/wire';
import { BerthError, toEngineError } from '../errors';
import type { LineSink } from './log-decoder';
import { type LogRange, openLog } from './log-read';

export interface SearchOptions extends LogRange {
  query: string;
  regex?: boolean;
  /** Most matches sent; the search ends there and says so. */
  limit?: number;
  signal?: AbortSignal;
}

/** One step of a search: the matches found since the last step (raw text, colours kept), and how far it got. */
export interface SearchStep {
  ts: string[];
  text: string[];
  /** Positions of stderr's lines among this step's matches. */
  stderr: number[];
  /** Lines read so far. */
  scanned: number;
  done: boolean;
  /** The limit of matches was reached before the end of the log. */
  limited: boolean;
}

/** Matching stops this far into a long line: a regular expression's cost grows with the text it runs over. */
const MATCH_CHARS = 64 * 1024;
/** A step goes out at least this often while the engine keeps sending, so the client sees progress. */
const STEP_MS = 200;
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;
const BACKREFERENCE = /\\[1-9]|\\k</;

/** The test a line's text (without escape codes) must pass; a pattern that could take exponential time is refused. */
export function lineMatcher(query: string, regex: boolean): (text: string) => boolean {
  if (!query) throw new BerthError('BAD_REQUEST', 'Type something to search for.');
  if (!regex) {
    const needle = query.toLowerCase();
    return (text) => text.toLowerCase().includes(needle);
  }
  if (NESTED_QUANTIFIER.test(query) || BACKREFERENCE.test(query)) {
    throw new BerthError('BAD_REQUEST', 'This regular expression repeats a repeated group or refers back to a group, which can take very long on a large log: simplify it.');
  }
  let re: RegExp;
  try {
    re = new RegExp(query, 'i');
  } catch (err) {
    throw new BerthError('BAD_REQUEST', `Not a valid regular expression: ${(err as Error).message}`);
  }
  return (text) => re.test(text.length > MATCH_CHARS ? text.slice(0, MATCH_CHARS) : text);
}

function emptyStep(scanned: number): SearchStep {
  return { ts: [], text: [], stderr: [], scanned, done: false, limited: false };
}

export async function* searchLogs(api: Docker, ref: string, opts: SearchOptions): AsyncGenerator<SearchStep> {
  const matches = lineMatcher(opts.query, opts.regex ?? false);
  const limit = opts.limit ?? 1000;
  const log = await openLog(api, ref, opts, opts.signal);
  let scanned = 0;
  let found = 0;
  let step = emptyStep(0);
  let last = Date.now();

  const sink: LineSink = (stream, ts, bytes, start, end) => {
    scanned++;
    if (found >= limit) return;
    const text = bytes.toString('utf8', start, end);
    if (!matches(text.includes('\u001b') ? stripAnsi(text) : text)) return;
    found++;
    if (stream === 'stderr') step.stderr.push(step.ts.length);
    step.ts.push(ts);
    step.text.push(text);
  };
  const take = (done: boolean): SearchStep => {
    const out = { ...step, scanned, done, limited: found >= limit };
    step = emptyStep(scanned);
    last = Date.now();
    return out;
  };

  try {
    for await (const burst of chunkBursts(log.stream, 64 * 1024)) {
      for (const chunk of burst) log.decoder.push(chunk, sink);
      if (found >= limit) break;
      if (step.ts.length || Date.now() - last >= STEP_MS) yield take(false);
    }
    if (opts.signal?.aborted) return;
    if (found < limit) log.decoder.end(sink);
    yield take(true);
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw toEngineError(err, `container ${log.name}`, 'search the logs of');
  } finally {
    log.release();
    log.stream.destroy();
  }
}
