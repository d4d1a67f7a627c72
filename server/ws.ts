// One WebSocket per browser tab carries all of its subscriptions (tRPC's ws adapter), behind the same guard.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import type { Access } from './auth/access';
import { isAllowedHost, isSameOrigin } from './auth/guard';
import { createContextInner } from './context';
import type { EngineRegistry } from './engines/registry';
import type { VmManager } from './vm/manager';
import { appRouter } from './routers/_app';

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachWebSocket(server: Server, deps: { registry: EngineRegistry; access: Access; vm?: VmManager; allowedHosts: string[]; path: string }): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 20_000, pongWaitMs: 10_000 },
    createContext: ({ req, res }) =>
      createContextInner({ user: deps.access.userFor(req), registry: deps.registry, vm: deps.vm, socket: res, audit: deps.access.audit, access: deps.access, address: req.socket.remoteAddress }),
  });

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://berth.invalid').pathname;
    if (path !== deps.path) return;
    // Cross-site WebSocket hijacking: browsers send Origin on upgrades; it must be Berth's own.
    if (!isAllowedHost(req.headers.host, deps.allowedHosts)) return refuse(socket, 403, 'Forbidden');
    if (!isSameOrigin(req) || !req.headers.origin) return refuse(socket, 403, 'Forbidden');
    if (!deps.access.userFor(req)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }
  server.on('upgrade', onUpgrade);
  return {
    close() {
      server.off('upgrade', onUpgrade);
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
