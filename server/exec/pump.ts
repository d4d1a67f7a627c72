// Moves a terminal's bytes between the browser's WebSocket and the engine's hijacked stream, with backpressure both
// ways: output waits for the socket to drain (a `yes` cannot fill Berth's memory), input waits for the engine.
import type { Duplex } from 'node:stream';
import { type ClientControl, type ServerControl, parseClientControl } from '../../lib/exec-protocol';

/** What the pump needs of a `ws` WebSocket. */
export interface TerminalSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: Buffer | string, opts?: { binary: boolean }): void;
  pause(): void;
  resume(): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** Output stops being read from the engine once the socket holds this much, and resumes below LOW_WATER. */
export const HIGH_WATER = 1 << 20;
export const LOW_WATER = 256 * 1024;
const POLL_MS = 10;
const OPEN = 1;

export interface PumpHooks {
  resize(cols: number, rows: number): Promise<void> | void;
  /** The engine's stream ended (the process exited or the engine went away); the answer is the exit code. */
  exitCode(): Promise<number | null>;
  /** The browser left or asked to close: end the process. Called once. */
  end(): Promise<void> | void;
}

/** Resolves when the socket has drained below LOW_WATER or closed. */
function drained(ws: TerminalSocket): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (ws.readyState !== OPEN || ws.bufferedAmount <= LOW_WATER ? resolve() : setTimeout(check, POLL_MS));
    setTimeout(check, POLL_MS);
  });
}

/** Collects what the browser sends before the engine's stream is open, for `pump` to deliver first. */
export function holdEarlyMessages(ws: TerminalSocket): () => [Buffer, boolean][] {
  const early: [Buffer, boolean][] = [];
  const onMessage = (data: Buffer, isBinary: boolean) => void early.push([data, isBinary]);
  ws.on('message', onMessage);
  return () => {
    (ws as unknown as { off(e: string, l: unknown): void }).off('message', onMessage);
    return early;
  };
}

export function pump(ws: TerminalSocket, stream: Duplex, hooks: PumpHooks, early: [Buffer, boolean][] = []): Promise<void> {
  let closed = false;
  let outputPaused = false;
  let inputPaused = false;
  let clientPaused = false;
  const resumeIfFree = () => {
    if (!closed && !outputPaused && !clientPaused) stream.resume();
  };
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));

  const control = (m: ServerControl) => {
    if (ws.readyState === OPEN) ws.send(JSON.stringify(m));
  };

  stream.on('data', (chunk: Buffer) => {
    if (ws.readyState !== OPEN) return;
    ws.send(chunk, { binary: true });
    if (!outputPaused && ws.bufferedAmount >= HIGH_WATER) {
      outputPaused = true;
      stream.pause();
      void drained(ws).then(() => {
        outputPaused = false;
        resumeIfFree();
      });
    }
  });

  const finish = async (fromEngine: boolean) => {
    if (closed) return;
    closed = true;
    if (fromEngine) {
      const code = await hooks.exitCode().catch(() => null);
      control({ type: 'exit', code });
      if (ws.readyState === OPEN) ws.close(1000, 'session ended');
    }
    await Promise.resolve(hooks.end()).catch(() => undefined);
    resolveDone();
  };
  stream.once('end', () => void finish(true));
  stream.once('close', () => void finish(true));
  stream.once('error', () => void finish(true));

  const onMessage = (data: Buffer, isBinary: boolean) => {
    if (closed) return;
    if (isBinary) {
      if (!stream.write(data) && !inputPaused) {
        // Stop reading the socket until the engine takes more: the browser's sends then queue on its side.
        inputPaused = true;
        ws.pause();
        stream.once('drain', () => {
          inputPaused = false;
          ws.resume();
        });
      }
      return;
    }
    const m: ClientControl | null = parseClientControl(data.toString('utf8'));
    if (m?.type === 'resize') void Promise.resolve(hooks.resize(m.cols, m.rows)).catch(() => undefined);
    else if (m?.type === 'flow') {
      clientPaused = m.paused;
      if (clientPaused) stream.pause();
      else resumeIfFree();
    }
    else if (m?.type === 'close') {
      void finish(false);
      ws.close(1000, 'closed');
    }
  };
  for (const [data, isBinary] of early) onMessage(data, isBinary);
  ws.on('message', onMessage);
  ws.on('close', () => void finish(false));
  return done;
}
