// The tRPC context: who is asking, and the process-wide singletons (engines, VM, config).
import type { IncomingMessage } from 'node:http';
import type { Access, User } from './auth/access';
import type { Audit } from './store/audit';
import type { EngineRegistry } from './engines/registry';
import type { SendBuffer } from './streams/backpressure';
import type { VmManager } from './vm/manager';

export interface ContextInner {
  user: User | null;
  registry: EngineRegistry;
  vm?: VmManager;
  /** The WebSocket a subscription is sent over, when it is; SSE applies backpressure by itself. */
  socket?: SendBuffer;
  /** Where mutations are recorded; absent in tests that do not look at it. */
  audit?: Audit;
  /** Users, tokens, sessions and share links. */
  access?: Access;
  /** The client's address, for the audit log. */
  address?: string;
}

export type Context = ContextInner;

export async function createContextInner(inner: ContextInner): Promise<Context> {
  return inner;
}

const USERS = new WeakMap<IncomingMessage, User | null>();

/** The guard already knows who the request is; tRPC's context reuses that instead of looking again. */
export function rememberUser(req: IncomingMessage, user: User | null): void {
  USERS.set(req, user);
}

export function contextFactory(deps: { registry: EngineRegistry; access: Access; vm?: VmManager }) {
  return async function createContext({ req }: { req: IncomingMessage }): Promise<Context> {
    return createContextInner({
      user: USERS.has(req) ? USERS.get(req)! : deps.access.userFor(req),
      registry: deps.registry,
      vm: deps.vm,
      audit: deps.access.audit,
      access: deps.access,
      address: req.socket.remoteAddress,
    });
  };
}
