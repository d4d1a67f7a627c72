// The VM's engine socket: a unix socket only the owner can open, relayed over mutual TLS to dockerd in the guest.
// It reads each request's head, so it knows a user's call from Berth's own polling, and holds a call while the VM
// wakes from Resource Saver: the client waits and then gets its answer, never an error.
import { chmodSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';

/** Berth marks the requests its own engine client sends to the VM (server/engines/client.ts). */
export const BERTH_CLIENT_HEADER = 'x-berth-client';
const MAX_HEAD = 64 * 1024;

export interface CachedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ProxyHooks {
  /** True while Resource Saver has the VM paused. */
  paused(): boolean;
  /** Wakes the VM for `reason` (the call's method and path); resolves once it runs, at once when it does. */
  wake(reason: string): Promise<void>;
  /** Resolves the next time the VM runs, without waking it. */
  whenAwake(): Promise<void>;
  /** A user's call started, or bytes moved on a connection whose last call was a user's. */
  activity(): void;
  /** Work is under way (a user's call that is not a read); the VM stays awake until `release` is called. */
  hold(): () => void;
  /** An answer Berth's own poll gets while the VM sleeps, or null when the call needs the engine. */
  cached(method: string, path: string): CachedAnswer | null;
}

export interface RequestHead {
  method: string;
  path: string;
  headers: Map<string, string>;
}

export function parseHead(text: string): RequestHead | null {
  const lines = text.split('\r\n');
  const [method, target] = (lines[0] ?? '').split(' ');
  if (!method || !target) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return { method: method.toUpperCase(), path: target, headers };
}

/**
 * Berth's own reads (its engine list's health checks, lists, streams it keeps open) are not a user's calls: they
 * neither keep the VM awake nor, when an answer is cached, wake it. Anything else is: every call from the docker CLI
 * or another client of the socket, and every change Berth makes.
 */
export function isBackground(head: RequestHead): boolean {
  return head.headers.has(BERTH_CLIENT_HEADER) && (head.method === 'GET' || head.method === 'HEAD');
}

/** The API path without its version prefix and query: `/v1.41/info?x=1` → `/info`. */
export function apiPath(target: string): string {
  return (target.split('?')[0] ?? '').replace(/^\/v\d+(\.\d+)?(?=\/)/, '');
}

function answerBytes(a: CachedAnswer, head: boolean): Buffer {
  const body = Buffer.from(a.body);
  const lines = [`HTTP/1.1 ${a.status} OK`, ...Object.entries(a.headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${body.length}`, '', ''];
  return Buffer.concat([Buffer.from(lines.join('\r\n')), head ? Buffer.alloc(0) : body]);
}

class Relay {
  private upstream: TLSSocket | null = null;
  private connecting: Promise<TLSSocket> | null = null;
  private head = Buffer.alloc(0);
  private bodyLeft = 0;
  /** After an upgrade (attach, exec) or a chunked body, bytes are relayed as they come, without reading heads. */
  private opaque = false;
  /** Whether the last request on this connection was a user's: its answer's bytes count as activity. */
  private user = false;
  private lastCall = 'bytes of an earlier call';
  private release: (() => void) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly client: Socket,
    private readonly tls: ConnectionOptions,
    private readonly hooks: ProxyHooks,
  ) {
    client.on('data', (chunk: Buffer) => {
      client.pause();
      this.chain = this.chain.then(() => this.take(chunk)).then(
        () => void client.resume(),
        () => this.close(),
      );
    });
    client.on('end', () => {
      this.chain = this.chain.then(() => void (this.upstream ? this.upstream.end() : this.client.end()));
    });
    client.on('error', () => this.close());
    client.on('close', () => this.close());
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release?.();
    this.release = null;
    this.client.destroy();
    this.upstream?.destroy();
  }

  private connect(): Promise<TLSSocket> {
    if (this.upstream) return Promise.resolve(this.upstream);
    this.connecting ??= new Promise<TLSSocket>((resolve, reject) => {
      const up = tlsConnect({ ...this.tls, allowHalfOpen: true } as ConnectionOptions);
      up.once('secureConnect', () => {
        this.upstream = up;
        up.on('data', (chunk: Buffer) => {
          if (this.user) this.hooks.activity();
          if (!this.client.write(chunk)) {
            up.pause();
            this.client.once('drain', () => up.resume());
          }
        });
        up.on('end', () => this.client.end());
        up.on('close', () => this.close());
        resolve(up);
      });
      up.once('error', (err) => {
        reject(err);
        this.close();
      });
    });
    return this.connecting;
  }

  /** Sends bytes to dockerd, waking the VM first when Resource Saver paused it. */
  private async forward(bytes: Buffer): Promise<void> {
    if (bytes.length === 0 || this.closed) return;
    if (this.hooks.paused()) await this.hooks.wake(this.lastCall);
    // The client may have gone while the VM woke (or while a held events stream waited).
    if (this.closed) return;
    const up = await this.connect();
    if (!up.write(bytes)) await new Promise<void>((r) => up.once('drain', () => r()));
  }

  private async take(chunk: Buffer): Promise<void> {
    let rest = chunk;
    while (rest.length > 0 && !this.closed) {
      if (this.opaque) {
        if (this.user) this.hooks.activity();
        return this.forward(rest);
      }
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, rest.length);
        this.bodyLeft -= n;
        await this.forward(rest.subarray(0, n));
        rest = rest.subarray(n);
        continue;
      }
      this.head = Buffer.concat([this.head, rest]);
      rest = Buffer.alloc(0);
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.head.length > MAX_HEAD) {
          // Not a request Berth can read: relay it and everything after as they are, as a user's.
          this.opaque = true;
          this.user = true;
          rest = this.head;
          this.head = Buffer.alloc(0);
        }
        continue;
      }
      const headBytes = this.head.subarray(0, end + 4);
      rest = this.head.subarray(end + 4);
      this.head = Buffer.alloc(0);
      await this.request(headBytes);
    }
  }

  private async request(headBytes: Buffer): Promise<void> {
    const head = parseHead(headBytes.toString('latin1'));
    const background = head ? isBackground(head) : false;
    this.user = !background;
    this.lastCall = head ? `${head.method} ${apiPath(head.path)}${background ? ' (Berth)' : ''}` : 'a request Berth could not read';
    if (!background) this.hooks.activity();
    // A user's call that is not a read is work (create, start, wait, attach, exec, pull, build): the VM stays awake
    // until the next call on this connection or its end. A read that lasts (logs -f, events, stats) only watches.
    this.release?.();
    this.release = !background && head?.method !== 'GET' && head?.method !== 'HEAD' ? this.hooks.hold() : null;
    if (head && background && this.hooks.paused()) {
      const answer = this.hooks.cached(head.method, apiPath(head.path));
      if (answer) {
        this.client.write(answerBytes(answer, head.method === 'HEAD'));
        return;
      }
      // Berth's events stream waits for what happens next: nothing does while the VM sleeps, so it waits for the
      // VM to wake for another reason rather than waking it.
      if (head.method === 'GET' && apiPath(head.path) === '/events') await this.hooks.whenAwake();
      // Berth needs the engine for a page someone is looking at: that wakes the VM and counts as a call.
      else {
        this.user = true;
        this.hooks.activity();
      }
    }
    const chunked = /chunked/i.test(head?.headers.get('transfer-encoding') ?? '');
    const upgrade = head?.headers.has('upgrade') || /upgrade/i.test(head?.headers.get('connection') ?? '');
    this.bodyLeft = chunked ? 0 : Number(head?.headers.get('content-length') ?? 0) || 0;
    if (chunked || upgrade || !head) this.opaque = true;
    await this.forward(headBytes);
  }
}

/** Listens on `socketPath` (0600) and relays every connection to dockerd's TLS port. */
export function startEngineProxy(socketPath: string, tls: ConnectionOptions, hooks: ProxyHooks, onListening?: () => void): Server {
  const server = createServer({ allowHalfOpen: true }, (client: Socket) => void new Relay(client, tls, hooks));
  const old = process.umask(0o177);
  server.listen(socketPath, () => {
    process.umask(old);
    chmodSync(socketPath, 0o600);
    onListening?.();
  });
  return server;
}
