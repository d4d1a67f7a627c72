// The terminal WebSocket's small protocol, shared by the server and the browser: binary frames carry the terminal's
// bytes both ways; text frames carry one JSON control message each.

/** Browser → Berth. */
export type ClientControl = { type: 'resize'; cols: number; rows: number } | { type: 'close' } | { type: 'flow'; paused: boolean };

/** Berth → browser. */
export type ServerControl =
  | { type: 'ready'; command: string; mode: 'exec' | 'attach' }
  | { type: 'exit'; code: number | null }
  | { type: 'error'; message: string; code: string };

/** The WebSocket close codes Berth uses for a terminal: 4000 + the HTTP status it maps to. */
export const CLOSE_ENDED = 1000;
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

const MAX_SIZE = 1000;

function dimension(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_SIZE ? v : null;
}

/** A control message from the browser, or null when the text is not one (it is then ignored). */
export function parseClientControl(text: string): ClientControl | null {
  if (text.length > 200) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const m = v as Record<string, unknown>;
  if (m.type === 'close') return { type: 'close' };
  // The browser's terminal is behind on what it was sent: hold the engine until it catches up.
  if (m.type === 'flow' && typeof m.paused === 'boolean') return { type: 'flow', paused: m.paused };
  if (m.type !== 'resize') return null;
  const cols = dimension(m.cols);
  const rows = dimension(m.rows);
  return cols && rows ? { type: 'resize', cols, rows } : null;
}

export function parseServerControl(text: string): ServerControl | null {
  try {
    const v = JSON.parse(text) as ServerControl;
    return typeof v === 'object' && v !== null && typeof v.type === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Where the terminal connects: under the base path, with what to run in the query. */
export function execQuery(opts: { engine: string; id: string; mode?: 'exec' | 'attach'; command?: string; user?: string; workdir?: string; cols?: number; rows?: number }): string {
  const q = new URLSearchParams({ engine: opts.engine, id: opts.id });
  if (opts.mode === 'attach') q.set('mode', 'attach');
  if (opts.command) q.set('command', opts.command);
  if (opts.user) q.set('user', opts.user);
  if (opts.workdir) q.set('workdir', opts.workdir);
  if (opts.cols) q.set('cols', String(opts.cols));
  if (opts.rows) q.set('rows', String(opts.rows));
  return q.toString();
}
