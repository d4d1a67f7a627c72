// The Berth process: one HTTP(S) server with the guard in front, tRPC at /api/trpc (HTTP, SSE, WebSocket) and Next.js for pages.
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import next from 'next';
import { Access } from './auth/access';
import { authenticate } from './auth/authenticate';
import { isAllowedRequestHost, isSameOrigin } from './auth/guard';
import { pageInScope } from './auth/scope';
import type { User } from './store/principal';
import type { Config } from './config';
import { type Services, requestContext } from './context';
import { EngineRegistry } from './engines/registry';
import { VmManager } from './vm/manager';
import { baseHeaders, pagePolicy } from './http/headers';
import { BerthError } from './errors';
import { redirect, send, sendError } from './http/respond';
import { receiveBuildContext } from './http/build-upload';
import { serveFiles } from './http/files';
import { serveLogDownload } from './http/log-download';
import { sendOutOfScope } from './http/out-of-scope';
import { handleSignIn } from './http/sign-in';
import { isSubscription, serveSubscription } from './http/sse';
import { appRouter } from './routers/_app';
import { attachWebSocket } from './ws';

export { safeNext } from './http/respond';

export interface Berth {
  server: Server;
  url: string;
  access: Access;
  registry: EngineRegistry;
  close(): Promise<void>;
}

const PUBLIC_PREFIXES = ['/_next/', '/login', '/favicon', '/icon'];
/** No procedure takes more than this; a larger body is refused before it is read. */
const MAX_BODY_BYTES = 1 << 20;

function bodyTooLarge(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > MAX_BODY_BYTES;
}

/** `ui: false` serves the API only (tests of the API need no UI build). */
export async function startBerth(config: Config, opts: { registry?: EngineRegistry; quiet?: boolean; ui?: boolean; access?: Access; vm?: VmManager } = {}): Promise<Berth> {
  const registry = opts.registry ?? new EngineRegistry();
  const access = opts.access ?? new Access({ home: config.home, token: config.token });
  const vm = opts.vm ?? new VmManager({ home: config.home, root: config.root, registry });
  const basePath = config.basePath ?? '';
  const secure = Boolean(config.tlsCert);
  // Next reads next.config.mjs again when it starts serving: it must see the base path the UI was built for.
  if (opts.ui !== false) process.env.BERTH_BASE_PATH = basePath;
  const app = opts.ui === false ? null : next({ dev: config.dev, dir: config.root, hostname: config.host, port: config.port, quiet: opts.quiet ?? !config.dev });
  await app?.prepare();
  const handleNext = app ? app.getRequestHandler() : async (_req: IncomingMessage, res: ServerResponse) => send(res, 404, 'Berth is serving its API only.\n');
  const services: Services = { registry, access, vm };
  function onError({ error, path }: { error: { code: string; cause?: unknown }; path?: string }): void {
    if (error.code === 'INTERNAL_SERVER_ERROR' && !(error.cause && typeof error.cause === 'object' && 'code' in error.cause)) {
      console.error(`berth: ${path ?? '?'} failed:`, error.cause ?? error);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res, secure);
    if (!isAllowedRequestHost(req, config.allowedHosts)) {
      send(res, 403, `Berth refuses requests addressed to "${req.headers.host ?? ''}". Open it at http://127.0.0.1:${config.port}${basePath}/ or add the name to BERTH_ALLOWED_HOSTS.\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://berth.invalid');
    if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      if (url.pathname === '/') redirect(res, `${basePath}/`);
      else send(res, 404, `Berth is served under ${basePath}/.\n`);
      return;
    }
    const path = url.pathname.slice(basePath.length) || '/';
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && !isSameOrigin(req)) {
      send(res, 403, 'Berth refuses changes requested by another site.\n');
      return;
    }
    if (path === '/api/health') {
      send(res, 200, JSON.stringify({ ok: true }), 'application/json');
      return;
    }
    if (await handleSignIn({ access, basePath, secure }, req, res, path, url)) return;
    const { user, refusal } = authenticate(access, req);
    if (refusal) {
      sendError(res, new BerthError('TOO_MANY_REQUESTS', refusal.message), { 'retry-after': String(refusal.retryAfterSeconds) });
      return;
    }
    if (path.startsWith('/api/')) {
      if (!user) {
        sendError(res, new BerthError('UNAUTHORIZED', 'Sign in to use Berth: open the login link Berth printed when it started.'));
        return;
      }
      // Build contexts are large and streamed to disk under their own cap, so they skip the 1 MiB limit below.
      if (path === '/api/build-context') {
        await receiveBuildContext(req, res, user);
        return;
      }
      // Files stream in and out under their own limits, so they skip the 1 MiB limit below.
      if (path.startsWith('/api/files/')) {
        await serveFiles(services, req, res, path, url, user);
        return;
      }
      // Whole logs stream out under their own backpressure.
      if (path.startsWith('/api/logs/')) {
        await serveLogDownload(services, req, res, path, url, user);
        return;
      }
      if (path.startsWith('/api/trpc/')) {
        if (bodyTooLarge(req)) {
          sendError(res, new BerthError('PAYLOAD_TOO_LARGE', `Berth accepts requests of at most ${MAX_BODY_BYTES / 1024} KiB.`), { connection: 'close' });
          return;
        }
        const procedure = path.slice('/api/trpc/'.length);
        const ctx = requestContext(services, req, { user });
        if (method === 'GET' && isSubscription(procedure)) {
          await serveSubscription(req, res, procedure, url, ctx);
          return;
        }
        await nodeHTTPRequestHandler({ router: appRouter, req, res, path: procedure, maxBodySize: MAX_BODY_BYTES, createContext: () => ctx, onError });
        return;
      }
      sendError(res, new BerthError('NOT_FOUND', `There is no API at ${path}.`));
      return;
    }
    const isPublic = PUBLIC_PREFIXES.some((p) => path.startsWith(p));
    if (!user && !isPublic) {
      redirect(res, `${basePath}/login?next=${encodeURIComponent(path + url.search)}`);
      return;
    }
    if (user?.scope && !isPublic && !pageInScope(user, path)) {
      sendOutOfScope(res, basePath, user.scope, access.preferences.theme(user.id));
      return;
    }
    if (path === '/') {
      redirect(res, `${basePath}/e/${encodeURIComponent(registry.current())}/containers`);
      return;
    }
    if (!path.startsWith('/_next/')) pagePolicy(req, res, config.dev);
    // The page is rendered in the user's own theme (never one a client claims).
    delete req.headers['x-berth-theme'];
    if (user) req.headers['x-berth-theme'] = access.preferences.theme(user.id);
    await handleNext(req, res);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err) => {
      console.error('berth: request failed:', err);
      if (!res.headersSent) send(res, 500, 'Berth hit an internal error; the details are in its log.\n');
      else res.destroy();
    });
  };
  const server: Server = config.tlsCert
    ? (createHttpsServer({ cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey!) }, listener) as unknown as Server)
    : createServer(listener);
  server.keepAliveTimeout = 65_000;
  const devReload = config.dev && app ? app.getUpgradeHandler() : undefined;
  const sockets = attachWebSocket(server, {
    registry,
    access,
    vm,
    allowedHosts: config.allowedHosts,
    path: `${basePath}/api/trpc`,
    fallback: devReload && ((req, socket, head) => void devReload(req, socket, head)),
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const shownHost = wildcard ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  return {
    server,
    url: `${secure ? 'https' : 'http'}://${shownHost}:${port}${basePath}`,
    access,
    registry,
    close() {
      closing ??= new Promise<void>((done) => {
        sockets.close();
        server.close(() => done());
        // Streams (SSE) never end on their own: end idle and open connections so close() can finish.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 500).unref();
      })
        .then(() => app?.close?.())
        .then(() => {
          // The VM keeps running under its supervisor; Berth only stops following it.
          vm.detach();
          if (!opts.access) access.close();
        });
      return closing;
    },
  };
}
