// The tRPC context: who is asking (resolved once per request or connection), and the process-wide services.
import type { IncomingMessage } from 'node:http';
import type { Access, Credential, User } from './auth/access';
import type { EngineRegistry } from './engines/registry';
import type { SendBuffer } from './streams/backpressure';
import type { VmManager } from './vm/manager';

/** The singletons created once in main.ts and shared by every request. */
export interface Services {
  registry: EngineRegistry;
  /** Users, tokens, sessions, share links and the audit log. */
  access: Access;
  vm: VmManager;
}

export interface Context extends Services {
  /** Who the request was when it arrived. */
  user: User | null;
  /** What it authenticated with: every later use on a long-lived connection, and every open stream, checks it again. */
  credential?: Credential;
  /** A connection that outlives one call (the WebSocket): each call resolves the credential anew. */
  live?: boolean;
  /** Aborted when the principal's rights end while its subscription streams (set by the auth middleware). */
  revoked?: AbortSignal;
  /** The WebSocket a subscription is sent over, when it is; SSE applies backpressure by itself. */
  socket?: SendBuffer;
  /** The client's address, for the audit log. */
  address?: string;
}

/** For tests: a context from its parts, with no request behind it. */
export async function createContextInner(inner: Context): Promise<Context> {
  return inner;
}

/**
 * The one place a request's context is built, for HTTP calls, SSE streams and the WebSocket alike. `user` is
 * who the guard already found the request to be; a WebSocket passes `live`, so each of its calls checks again.
 */
export function requestContext(services: Services, req: IncomingMessage, opts: { user: User | null; live?: boolean; socket?: SendBuffer }): Context {
  return {
    ...services,
    user: opts.user,
    credential: services.access.credentialOf(req),
    live: opts.live,
    socket: opts.socket,
    address: req.socket.remoteAddress,
  };
}

/** The signal a subscription's engine stream ends on: the client went away, or the asker's rights ended. */
export function streamSignal(ctx: Pick<Context, 'revoked'>, signal: AbortSignal | undefined): AbortSignal | undefined {
  if (!ctx.revoked) return signal;
  return signal ? AbortSignal.any([signal, ctx.revoked]) : ctx.revoked;
}
