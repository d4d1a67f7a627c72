// The Berth process: one HTTP server with the guard in front, tRPC at /api/trpc and Next.js for pages.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import next from 'next';
import { Access } from './auth/access';
import { isAllowedHost, isSameOrigin } from './auth/guard';
import type { Config } from './config';
import { contextFactory } from './context';
import { EngineRegistry } from './engines/registry';
import { appRouter } from './routers/_app';
import { attachWebSocket } from './ws';

export interface Berth {
  server: Server;
  url: string;
  access: Access;
  registry: EngineRegistry;
  close(): Promise<void>;
}

const PUBLIC_PREFIXES = ['/_next/', '/login', '/favicon', '/icon'];

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function sendJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ error: { message, code: -32001, data: { code, httpStatus: status, berthCode: code } } }), 'application/json');
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
}

async function readBody(req: IncomingMessage, limit = 16_384): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Only same-site relative paths are followed after login, so a link cannot bounce the user elsewhere. */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

/** `ui: false` serves the API only (tests of the API need no UI build). */
export async function startBerth(config: Config, opts: { registry?: EngineRegistry; quiet?: boolean; ui?: boolean } = {}): Promise<Berth> {
  const registry = opts.registry ?? new EngineRegistry();
  const access = new Access({ home: config.home, token: config.token });
  const app = opts.ui === false ? null : next({ dev: config.dev, dir: config.root, hostname: config.host, port: config.port, quiet: opts.quiet ?? !config.dev });
  await app?.prepare();
  const handleNext = app ? app.getRequestHandler() : async (_req: IncomingMessage, res: ServerResponse) => send(res, 404, 'Berth is serving its API only.\n');
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: contextFactory({ registry, access }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR' && !(error.cause && 'code' in error.cause)) {
        console.error(`berth: ${path ?? '?'} failed:`, error.cause ?? error);
      }
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    if (!isAllowedHost(req.headers.host, config.allowedHosts)) {
      send(res, 403, `Berth refuses requests addressed to "${req.headers.host ?? ''}". Open it at http://127.0.0.1:${config.port}/ or add the name to BERTH_ALLOWED_HOSTS.\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://berth.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const secure = Boolean((req.socket as Socket & { encrypted?: boolean }).encrypted);
    if (method !== 'GET' && method !== 'HEAD' && !isSameOrigin(req)) {
      send(res, 403, 'Berth refuses changes requested by another site.\n');
      return;
    }
    if (path === '/api/health') {
      send(res, 200, JSON.stringify({ ok: true }), 'application/json');
      return;
    }
    if (path === '/login' && url.searchParams.has('token')) {
      const nextPath = safeNext(url.searchParams.get('next'));
      if (access.checkToken(url.searchParams.get('token'))) {
        send(res, 302, '', 'text/plain', { location: nextPath, 'set-cookie': access.sessionCookie(secure) });
      } else {
        send(res, 302, '', 'text/plain', { location: `/login?error=invalid&next=${encodeURIComponent(nextPath)}` });
      }
      return;
    }
    if (path === '/api/login' && method === 'POST') {
      let token: string | null = null;
      let nextPath = '/';
      try {
        const body = await readBody(req);
        if ((req.headers['content-type'] ?? '').includes('application/json')) {
          const parsed = JSON.parse(body) as { token?: unknown; next?: unknown };
          token = typeof parsed.token === 'string' ? parsed.token : null;
          nextPath = safeNext(typeof parsed.next === 'string' ? parsed.next : '/');
        } else {
          const form = new URLSearchParams(body);
          token = form.get('token');
          nextPath = safeNext(form.get('next'));
        }
      } catch {
        sendJsonError(res, 400, 'BAD_REQUEST', 'The sign-in request could not be read.');
        return;
      }
      const ok = access.checkToken(token?.trim());
      const wantsJson = (req.headers.accept ?? '').includes('application/json');
      if (wantsJson) {
        if (ok) send(res, 200, JSON.stringify({ ok: true, next: nextPath }), 'application/json', { 'set-cookie': access.sessionCookie(secure) });
        else sendJsonError(res, 401, 'UNAUTHORIZED', 'That token is not valid.');
      } else if (ok) {
        send(res, 303, '', 'text/plain', { location: nextPath, 'set-cookie': access.sessionCookie(secure) });
      } else {
        send(res, 303, '', 'text/plain', { location: `/login?error=invalid&next=${encodeURIComponent(nextPath)}` });
      }
      return;
    }
    if (path === '/api/logout' && method === 'POST') {
      send(res, 303, '', 'text/plain', { location: '/login', 'set-cookie': Access.clearCookie() });
      return;
    }
    const user = access.userFor(req);
    if (path.startsWith('/api/')) {
      if (!user) {
        sendJsonError(res, 401, 'UNAUTHORIZED', 'Sign in to use Berth: open the login link Berth printed when it started.');
        return;
      }
      if (path.startsWith('/api/trpc/')) {
        trpc(req, res);
        return;
      }
      sendJsonError(res, 404, 'NOT_FOUND', `There is no API at ${path}.`);
      return;
    }
    if (!user && !PUBLIC_PREFIXES.some((p) => path.startsWith(p))) {
      send(res, 302, '', 'text/plain', { location: `/login?next=${encodeURIComponent(path + url.search)}` });
      return;
    }
    if (path === '/') {
      send(res, 302, '', 'text/plain', { location: `/e/${encodeURIComponent(registry.current())}/containers` });
      return;
    }
    await handleNext(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('berth: request failed:', err);
      if (!res.headersSent) send(res, 500, 'Berth hit an internal error; the details are in its log.\n');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  const sockets = attachWebSocket(server, { registry, access, allowedHosts: config.allowedHosts });
  if (config.dev && app) {
    const upgrade = app.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/api/')) return;
      if (!isAllowedHost(req.headers.host, config.allowedHosts)) return socket.destroy();
      void upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${shownHost}:${port}`,
    access,
    registry,
    close() {
      closing ??= new Promise<void>((done) => {
        sockets.close();
        server.close(() => done());
        // Streams (SSE) never end on their own: end idle and open connections so close() can finish.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 500).unref();
      }).then(() => app?.close?.());
      return closing;
    },
  };
}
