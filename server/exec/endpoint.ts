// <base>/api/exec: the terminal WebSocket. The upgrade listener has checked Host, Origin and the credential; this
// admits admins only (a shell in a container is root in it), audits each session and ends it when the rights do.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED, type ServerControl } from '../../lib/exec-protocol';
import type { User } from '../auth/access';
import type { Services } from '../context';
import { BerthError } from '../errors';
import { objectRef } from '../routers/schemas';
import { engineName } from '../engines/engine-name';
import { isExecUser, isWorkdir, splitCommand } from './command';
import { type TerminalSocket, holdEarlyMessages, pump } from './pump';
import { type EngineTerminal, TerminalRefusal, openTerminal } from './session';

const query = z.object({
  engine: engineName,
  id: objectRef,
  mode: z.enum(['exec', 'attach']).default('exec'),
  command: z.string().max(4096).optional(),
  user: z.string().refine(isExecUser).optional(),
  workdir: z.string().refine(isWorkdir).optional(),
  cols: z.coerce.number().int().min(1).max(1000).default(80),
  rows: z.coerce.number().int().min(1).max(1000).default(24),
});

type Refuse = (socket: Duplex, status: number, text: string) => void;

function send(ws: WebSocket, m: ServerControl): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${Math.round(ms / 1000)} s`;
}

export function terminalEndpoint(deps: Services, refuse: Refuse): { upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, user: User): void; close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20, perMessageDeflate: false });

  async function session(ws: WebSocket, req: IncomingMessage, user: User, args: z.infer<typeof query>): Promise<void> {
    const credential = deps.access.credentialOf(req);
    const address = req.socket.remoteAddress ?? null;
    const audit = (action: string, target: string, result: 'ok' | 'error', detail: string) => {
      try {
        deps.access.audit.record({ user: user.name, role: user.role, engine: args.engine, action, target, result, detail: detail.slice(0, 2000), address });
      } catch (err) {
        // Berth is shutting down (its database is closed) while a terminal ends: the shell is still ended.
        console.error(`berth: the audit row for a terminal in ${target} could not be written:`, err instanceof Error ? err.message : err);
      }
    };
    let terminal: EngineTerminal | undefined;
    let revoked = false;
    const unwatch = deps.access.watch(credential, user, (now) => {
      revoked = true;
      const message = now ? 'Your rights in Berth changed: only an admin can use a terminal.' : 'Your sign-in ended (signed out, revoked or expired): sign in again to continue.';
      send(ws, { type: 'error', code: now ? 'FORBIDDEN' : 'UNAUTHORIZED', message });
      ws.close(now ? CLOSE_FORBIDDEN : CLOSE_UNAUTHORIZED, 'rights ended');
      void terminal?.end();
    });
    ws.once('close', unwatch);
    const takeEarly = holdEarlyMessages(ws as unknown as TerminalSocket);
    const what = args.mode === 'attach' ? 'attach' : (args.command ?? 'the default shell');
    try {
      const api = deps.registry.api(args.engine);
      terminal = await openTerminal(api, args.engine, args.id, {
        mode: args.mode,
        command: args.command ? splitCommand(args.command) : undefined,
        user: args.user,
        workdir: args.workdir,
        cols: args.cols,
        rows: args.rows,
      });
    } catch (err) {
      const e = err instanceof BerthError ? err : new BerthError('ENGINE_ERROR', 'The engine could not open a terminal.', { cause: err });
      const code = e instanceof TerminalRefusal ? e.reason : e.code;
      audit('containers.terminal', args.id, 'error', `${what}: ${e.message}`);
      send(ws, { type: 'error', code, message: e.message });
      ws.close(1000, 'refused');
      unwatch();
      return;
    }
    const t = terminal;
    const started = Date.now();
    const details = [t.command, args.user && `user ${args.user}`, args.workdir && `in ${args.workdir}`].filter(Boolean).join(', ');
    audit('containers.terminal', t.container.name, 'ok', `${t.mode === 'attach' ? 'attached to' : 'started'} ${details}`);
    if (revoked || ws.readyState !== ws.OPEN) {
      await t.end();
    } else {
      send(ws, { type: 'ready', command: t.command, mode: t.mode });
      let exit: number | null = null;
      await pump(ws as unknown as TerminalSocket, t.stream, {
        resize: (cols, rows) => t.resize(cols, rows),
        exitCode: async () => (exit = await t.exitCode()),
        // The row is written when the session ends, before the clean-up in the container, which takes a second.
        end: () => {
          audit('containers.terminal.end', t.container.name, 'ok', `${details}: ended after ${seconds(Date.now() - started)}${exit === null ? '' : `, exit code ${exit}`}`);
          return t.end();
        },
      }, takeEarly());
    }
    unwatch();
  }

  return {
    upgrade(req, socket, head, user) {
      if (user.role !== 'admin' || user.scope) return refuse(socket, 403, 'Forbidden');
      const params = Object.fromEntries(new URL(req.url ?? '/', 'http://berth.invalid').searchParams);
      const args = query.safeParse(params);
      if (!args.success) return refuse(socket, 400, 'Bad Request');
      wss.handleUpgrade(req, socket, head, (ws) => {
        session(ws, req, user, args.data).catch((err) => {
          console.error('berth: a terminal failed:', err);
          ws.terminate();
        });
      });
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
