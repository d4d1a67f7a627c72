// The tRPC context: who is asking, and the process-wide singletons (engines, VM, config).
import type { IncomingMessage } from 'node:http';
import type { Access, Credential, User } from './auth/access';
import type { Audit } from './store/audit';
import type { EngineRegistry } from './engines/registry';
import type { SendBuffer } from './streams/backpressure';
import type { VmManager } from './vm/manager';

export interface ContextInner {
  /** Who the request was when it arrived. */
  user: User | null;
  /** What it authenticated with: every later use on a long-lived connection, and every open stream, checks it again. */
  credential?: Credential;
  /** A connection that outlives one call (the WebSocket): each call resolves the credential anew. */
  live?: boolean;
  /** Aborted when the principal's rights end while its subscription streams (set by the auth middleware). */
  revoked?: AbortSignal;
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
      credential: deps.access.credentialOf(req),
      registry: deps.registry,
      vm: deps.vm,
      audit: deps.access.audit,
      access: deps.access,
      address: req.socket.remoteAddress,
    });
  };
}

/** The signal a subscription's engine stream ends on: the client went away, or the asker's rights ended. */
export function streamSignal(ctx: Pick<ContextInner, 'revoked'>, signal: AbortSignal | undefined): AbortSignal | undefined {
  if (!ctx.revoked) return signal;
  return signal ? AbortSignal.any([signal, ctx.revoked]) : ctx.revoked;
}
