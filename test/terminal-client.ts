// A headless terminal client for tests and benchmarks: Berth's terminal WebSocket, its output kept as text.
import WebSocket from 'ws';
import { type ServerControl, execQuery, parseServerControl } from '../lib/exec-protocol';

/** A shell's prompt at the end of the output (ash asks for the cursor position after it). */
export const PROMPT = /[#$] (\x1b\[6n)?$/;

export interface TerminalClient {
  ws: WebSocket;
  /** Everything the terminal printed so far, decoded as a stream (characters split across frames stay whole). */
  text(): string;
  bytes(): number;
  controls: ServerControl[];
  type(s: string): void;
  resize(cols: number, rows: number): void;
  /** Resolves when the output (after `from` characters) matches. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpMatchArray>;
  closed: Promise<{ code: number; reason: string }>;
}

export function openTerminalClient(opts: { port: number; basePath?: string; token?: string; cookie?: string; engine?: string; id: string; command?: string; user?: string; workdir?: string; mode?: 'exec' | 'attach'; cols?: number; rows?: number; keepText?: boolean; onData?: (b: Buffer) => void }): Promise<TerminalClient> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const headers: Record<string, string> = { origin };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const q = execQuery({ engine: opts.engine ?? 'default', id: opts.id, command: opts.command, user: opts.user, workdir: opts.workdir, mode: opts.mode, cols: opts.cols ?? 80, rows: opts.rows ?? 24 });
  const ws = new WebSocket(`ws://127.0.0.1:${opts.port}${opts.basePath ?? ''}/api/exec?${q}`, { headers, perMessageDeflate: false });
  const decoder = new TextDecoder('utf-8');
  let out = '';
  let count = 0;
  const controls: ServerControl[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) {
      count += data.length;
      opts.onData?.(data);
      if (opts.keepText !== false) out += decoder.decode(data, { stream: true });
      // A line editor (busybox ash) asks where the cursor is and waits for the answer a real terminal gives.
      if (data.includes('\x1b[6n')) ws.send(Buffer.from('\x1b[1;1R'), { binary: true });
    } else {
      const m = parseServerControl(data.toString('utf8'));
      if (m) controls.push(m);
    }
    wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      wake();
    }),
  );
  const client: TerminalClient = {
    ws,
    text: () => out,
    bytes: () => count,
    controls,
    type: (s) => ws.send(Buffer.from(s, 'utf8'), { binary: true }),
    resize: (cols, rows) => ws.send(JSON.stringify({ type: 'resize', cols, rows })),
    waitFor(pattern, timeoutMs = 10_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.slice(from).match(pattern);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          } else if (ws.readyState === ws.CLOSED) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`terminal closed before ${pattern}; output: ${JSON.stringify(out.slice(-500))}; controls: ${JSON.stringify(controls)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output: ${JSON.stringify(out.slice(-500))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    closed,
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}
