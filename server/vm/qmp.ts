// JSON clients for QEMU's machine protocol (QMP) and the guest agent (QGA), both over unix sockets.
import { connect, type Socket } from 'node:net';
import { EventEmitter } from 'node:events';

type Json = Record<string, unknown>;

function lineReader(socket: Socket, onMessage: (msg: Json) => void): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/^\xff/, '').trim();
      buffer = buffer.slice(nl + 1);
      if (!line) continue;
      try {
        onMessage(JSON.parse(line) as Json);
      } catch {
        // A partial or foreign line: QEMU only ever sends whole JSON objects per line.
      }
    }
  });
}

function errorText(err: unknown): string {
  const e = err as { desc?: string; class?: string } | undefined;
  return e?.desc ?? e?.class ?? 'unknown error';
}

/** A QMP connection: capabilities negotiated, commands matched to replies by id, events emitted. */
export class Qmp extends EventEmitter {
  private nextId = 1;
  private pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(private readonly socket: Socket) {
    super();
    lineReader(socket, (msg) => this.onMessage(msg));
    socket.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('QEMU closed its control socket.'));
      this.pending.clear();
      this.emit('close');
    });
    socket.on('error', () => undefined);
  }

  static async connect(path: string, timeoutMs = 5_000): Promise<Qmp> {
    const socket = connect(path);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('QEMU did not answer on its control socket.')), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    const qmp = new Qmp(socket);
    await qmp.execute('qmp_capabilities');
    return qmp;
  }

  private onMessage(msg: Json): void {
    if ('event' in msg) {
      this.emit('event', msg);
      return;
    }
    const id = typeof msg.id === 'string' ? msg.id : undefined;
    const p = id ? this.pending.get(id) : undefined;
    if (!p || !id) return;
    this.pending.delete(id);
    if ('error' in msg) p.reject(new Error(errorText(msg.error)));
    else p.resolve(msg.return);
  }

  execute<T = unknown>(command: string, args?: Json, timeoutMs = 10_000): Promise<T> {
    if (this.closed) return Promise.reject(new Error('QEMU is not running.'));
    const id = `b${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`QEMU did not answer "${command}" in time.`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.write(`${JSON.stringify({ execute: command, arguments: args, id })}\n`);
    });
  }

  /** A human monitor command; QEMU reports its failures as text in the reply. */
  async hmp(commandLine: string): Promise<string> {
    return this.execute<string>('human-monitor-command', { 'command-line': commandLine });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** One guest-agent command on a fresh connection, after guest-sync flushes anything stale. */
export async function guestAgent<T = unknown>(path: string, command: string, args?: Json, timeoutMs = 10_000, expectReply = true): Promise<T> {
  const socket = connect(path);
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The guest agent did not answer in time.')), timeoutMs);
      const syncId = Math.floor(Math.random() * 2 ** 31);
      let synced = false;
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`The guest agent is not reachable: ${err.message}`));
      });
      socket.once('connect', () => socket.write(`${JSON.stringify({ execute: 'guest-sync', arguments: { id: syncId } })}\n`));
      lineReader(socket, (msg) => {
        if (!synced) {
          if (msg.return === syncId) {
            synced = true;
            socket.write(`${JSON.stringify({ execute: command, arguments: args })}\n`);
            if (!expectReply) {
              clearTimeout(timer);
              setTimeout(() => resolve(undefined as T), 200);
            }
          }
          return;
        }
        clearTimeout(timer);
        if ('error' in msg) reject(new Error(errorText(msg.error)));
        else resolve(msg.return as T);
      });
    });
  } finally {
    socket.destroy();
  }
}
