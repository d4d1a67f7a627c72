// The tRPC spine: one initTRPC, the procedures routers may use, and the single EngineError → TRPCError boundary.
import { TRPCError, initTRPC } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { ZodError, z } from 'zod';
import type { User } from './auth/principal';
import type { Context } from './context';
import { maskForViewer } from './auth/masking';
import { assertInScope, filterToScope } from './auth/scope';
import { EngineError, type EngineErrorCode } from './errors';

const TRPC_CODE: Record<EngineErrorCode, TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  IN_USE: 'CONFLICT',
  BAD_REQUEST: 'BAD_REQUEST',
  NOT_MODIFIED: 'CONFLICT',
  UNREACHABLE: 'BAD_GATEWAY',
  PERMISSION_DENIED: 'BAD_GATEWAY',
  TLS_FAILURE: 'BAD_GATEWAY',
  TIMEOUT: 'GATEWAY_TIMEOUT',
  ENGINE_ERROR: 'INTERNAL_SERVER_ERROR',
};

const t = initTRPC.context<Context>().create({
  // Pings keep SSH tunnels and proxies from closing quiet streams; clients reconnect (and resume) after silence.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zod = cause instanceof ZodError ? cause : undefined;
    const engine = cause instanceof EngineError ? cause : undefined;
    const berthCode = engine ? engine.code : zod ? 'INVALID_INPUT' : undefined;
    // Errors thrown while a subscription streams pass no middleware; give them their proper code here.
    const code = engine ? TRPC_CODE[engine.code] : shape.data.code;
    return {
      ...shape,
      code: engine ? TRPC_ERROR_CODES_BY_KEY[code] : shape.code,
      message: zod ? describeZodError(zod) : engine ? engine.message : shape.message,
      data: {
        code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        berthCode,
        fieldErrors: zod ? z.flattenError(zod).fieldErrors : undefined,
      },
    };
  },
});

/** "name: must be …" sentences, one per failing field. */
export function describeZodError(err: ZodError): string {
  return err.issues
    .map((i) => {
      const field = i.path.join('.');
      return field ? `${field}: ${i.message}` : i.message;
    })
    .join('; ');
}


async function mapEngineErrors(opts: { next: () => Promise<any> }) {
  const result = await opts.next();
  if (!result.ok && result.error.cause instanceof EngineError) {
    const cause: EngineError = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
}

interface MiddlewareOpts {
  ctx: Context;
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  getRawInput: () => Promise<unknown>;
  next: (o?: any) => Promise<any>;
}

/** Who is asking now. A call on a long-lived connection (the WebSocket) checks its credential again. */
function currentUser(ctx: Context): User | null {
  if (ctx.live && ctx.credential !== undefined) return ctx.access.resolve(ctx.credential);
  return ctx.user;
}

function signedOut(): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to use Berth.' });
}

/**
 * A subscription keeps the rights it was opened with only while they last: revocation, expiry, sign-out,
 * demotion or a revoked share link end it (within a second) with an error the client can show, and abort the
 * engine stream behind it.
 */
function endWhenRevoked(ctx: Context, user: User, source: AsyncIterable<unknown>, revoked: AbortController): AsyncIterable<unknown> {
  const access = ctx.access;
  if (ctx.credential === undefined) return source;
  let fail!: (err: TRPCError) => void;
  const ended = new Promise<never>((_, reject) => (fail = reject));
  ended.catch(() => undefined);
  const unwatch = access.watch(ctx.credential, user, (now) => {
    fail(
      now
        ? new TRPCError({ code: 'FORBIDDEN', message: 'Your rights in Berth changed: reload the page to continue with the new ones.' })
        : new TRPCError({ code: 'UNAUTHORIZED', message: 'Your sign-in ended (signed out, revoked or expired): sign in again to continue.' }),
    );
  });
  return (async function* guarded() {
    const it = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = it.next();
        next.catch(() => undefined);
        const step = await Promise.race([next, ended]);
        if (step.done) return;
        yield step.value;
      }
    } finally {
      unwatch();
      revoked.abort();
      void it.return?.()?.catch(() => undefined);
    }
  })();
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Runs the procedure as `user`; a subscription's stream ends when that user's rights do. */
async function proceed(opts: MiddlewareOpts, user: User) {
  const revoked = opts.type === 'subscription' ? new AbortController() : undefined;
  const result = await opts.next({ ctx: { ...opts.ctx, user, revoked: revoked?.signal } });
  if (result.ok && revoked && isAsyncIterable(result.data)) result.data = endWhenRevoked(opts.ctx, user, result.data, revoked);
  return result;
}

async function requireViewer(opts: MiddlewareOpts) {
  const user = currentUser(opts.ctx);
  if (!user) throw signedOut();
  if (user.scope) await assertInScope(user.scope, opts.path, await opts.getRawInput(), opts.ctx.registry);
  const result = await proceed(opts, user);
  if (!result.ok) return result;
  if (user.scope) result.data = filterToScope(user.scope, opts.path, result.data);
  // Viewers see no secrets: every output passes the one masking function.
  if (user.role !== 'admin') result.data = maskForViewer(opts.path, result.data);
  return result;
}

/** What a mutation acted on, for the audit log: the object's name or id, or the list of them (flat, bounded). */
function auditTarget(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const record = input as Record<string, unknown>;
  for (const key of ['id', 'name', 'ids', 'target', 'repo']) {
    const v = record[key];
    if (typeof v === 'string') return v.slice(0, 1000);
    if (typeof v === 'number') return `#${v}`;
    if (Array.isArray(v)) {
      const names = v.slice(0, 1000).filter((x) => typeof x === 'string' || typeof x === 'number');
      return names.length ? names.join(', ').slice(0, 1000) : `(${v.length} items)`;
    }
  }
  return null;
}

function auditDetail(error: TRPCError): string {
  return (error.cause instanceof ZodError ? describeZodError(error.cause) : error.message).slice(0, 2000);
}

/** Every mutation is recorded, allowed or refused: who, engine, action, target and result. */
async function recordMutation(opts: MiddlewareOpts, user: User, result: { ok: boolean; error?: TRPCError }) {
  const input = await opts.getRawInput().catch(() => undefined);
  const engine = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).engine : undefined;
  opts.ctx.access.audit.record({
    user: user.name,
    role: user.role,
    engine: typeof engine === 'string' ? engine.slice(0, 200) : null,
    action: opts.path,
    target: auditTarget(input),
    result: result.ok ? 'ok' : 'error',
    detail: result.error ? auditDetail(result.error) : null,
    address: opts.ctx.address ?? null,
  });
}

async function requireAdmin(opts: MiddlewareOpts) {
  const user = currentUser(opts.ctx);
  if (!user) throw signedOut();
  if (user.role !== 'admin' || user.scope) {
    const refused = new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin can change things.' });
    await recordMutation(opts, user, { ok: false, error: refused });
    throw refused;
  }
  const result = await proceed(opts, user);
  await recordMutation(opts, user, result.ok ? { ok: true } : { ok: false, error: result.error as TRPCError });
  return result;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapEngineErrors);
export const viewerProcedure = publicProcedure.use(requireViewer);
export const adminProcedure = publicProcedure.use(requireAdmin);
