// The tRPC spine: one initTRPC, the procedures routers may use, and the single EngineError → TRPCError boundary.
import { TRPCError, initTRPC } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { ZodError, z } from 'zod';
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
  getRawInput: () => Promise<unknown>;
  next: (o?: any) => Promise<any>;
}

async function requireViewer(opts: MiddlewareOpts) {
  const user = opts.ctx.user;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to use Berth.' });
  if (user.scope) await assertInScope(user.scope, opts.path, await opts.getRawInput(), opts.ctx.registry);
  const result = await opts.next({ ctx: { ...opts.ctx, user } });
  if (result.ok && user.scope) result.data = filterToScope(user.scope, opts.path, result.data);
  // Viewers see no secrets: every output passes the one masking function.
  if (result.ok && user.role !== 'admin') result.data = maskForViewer(opts.path, result.data);
  return result;
}

/** What a mutation acted on, for the audit log: the object's name or id, or the list of them. */
function auditTarget(input: Record<string, unknown>): string | null {
  for (const key of ['id', 'name', 'ids', 'target', 'repo']) {
    const v = input[key];
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return `#${v}`;
    if (Array.isArray(v)) return v.join(', ').slice(0, 1000);
  }
  return null;
}

async function requireAdmin(opts: MiddlewareOpts) {
  const user = opts.ctx.user;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to use Berth.' });
  if (user.role !== 'admin' || user.scope) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin can change things.' });
  const result = await opts.next({ ctx: { ...opts.ctx, user } });
  if (opts.ctx.audit) {
    const input = ((await opts.getRawInput().catch(() => ({}))) ?? {}) as Record<string, unknown>;
    const error = result.ok ? undefined : (result.error as TRPCError);
    opts.ctx.audit.record({
      user: user.name,
      role: user.role,
      engine: typeof input.engine === 'string' ? input.engine : null,
      action: opts.path,
      target: auditTarget(input),
      result: result.ok ? 'ok' : 'error',
      detail: error ? (error.cause instanceof ZodError ? describeZodError(error.cause) : error.message) : null,
      address: opts.ctx.address ?? null,
    });
  }
  return result;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapEngineErrors);
export const viewerProcedure = publicProcedure.use(requireViewer);
export const adminProcedure = publicProcedure.use(requireAdmin);
