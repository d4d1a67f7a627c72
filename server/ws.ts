// One WebSocket per browser tab carries all of its subscriptions (tRPC's ws adapter), behind the same guard.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { authenticate } from './auth/authenticate';
import { isAllowedRequestHost, isSameOrigin } from './auth/guard';
import { type Services, requestContext } from './context';
import { terminalEndpoint } from './exec/endpoint';
import { appRouter } from './routers/_app';

/** Answers an upgrade that is not served and closes the socket once the answer is out. */
function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The one 'upgrade' listener: the Host check first, then the WebSocket endpoint, then `fallback` (Next's dev
 * reloader) for page paths; every other upgrade is answered and closed, so no socket is left half-open.
 */
export function attachWebSocket(server: Server, deps: Services & { allowedHosts: string[]; path: string; fallback?: UpgradeHandler }): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 20_000, pongWaitMs: 10_000 },
    // The connection outlives any one call: each call and each open subscription checks the credential again.
    createContext: ({ req, res }) => requestContext(deps, req, { user: deps.access.userFor(req), live: true, socket: res }),
  });
  const terminals = terminalEndpoint(deps, refuse);
  const terminalPath = deps.path.replace(/\/trpc$/, '/exec');

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (!isAllowedRequestHost(req, deps.allowedHosts)) return refuse(socket, 403, 'Forbidden');
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://berth.invalid').pathname;
    } catch {
      return refuse(socket, 400, 'Bad Request');
    }
    if (path === terminalPath) {
      if (!isSameOrigin(req) || !req.headers.origin) return refuse(socket, 403, 'Forbidden');
      const auth = authenticate(deps.access, req);
      if (auth.refusal) return refuse(socket, 429, 'Too Many Requests');
      if (!auth.user) return refuse(socket, 401, 'Unauthorized');
      return terminals.upgrade(req, socket, head, auth.user);
    }
    if (path !== deps.path) {
      if (deps.fallback && !path.startsWith(deps.path.replace(/\/trpc$/, '/'))) return deps.fallback(req, socket, head);
      return refuse(socket, 404, 'Not Found');
    }
    // Cross-site WebSocket hijacking: browsers send Origin on upgrades; it must be Berth's own.
    if (!isSameOrigin(req) || !req.headers.origin) return refuse(socket, 403, 'Forbidden');
    const auth = authenticate(deps.access, req);
    if (auth.refusal) return refuse(socket, 429, 'Too Many Requests');
    if (!auth.user) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }
  server.on('upgrade', onUpgrade);
  return {
    close() {
      server.off('upgrade', onUpgrade);
      handler.broadcastReconnectNotification();
      terminals.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
