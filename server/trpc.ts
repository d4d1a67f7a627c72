// The tRPC spine: one initTRPC, the procedures routers may use, and the single EngineError → TRPCError boundary.
import { TRPCError, initTRPC } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { ZodError, z } from 'zod';
import type { Context } from './context';
import { engineName } from './engines/engine-name';
import { EngineError, type EngineErrorCode, describeZodError } from './errors';
import { auditMutation } from './middleware/audit';
import { requireAdmin, requireViewer } from './middleware/rights';
import type { Meta } from './middleware/types';

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

const t = initTRPC.context<Context>().meta<Meta>().create({
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

async function mapEngineErrors(opts: { next: () => Promise<any> }) {
  const result = await opts.next();
  if (!result.ok && result.error.cause instanceof EngineError) {
    const cause: EngineError = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapEngineErrors);
export const viewerProcedure = publicProcedure.use(requireViewer);
// The audit runs outside the role check, so refused changes are recorded too.
export const adminProcedure = publicProcedure.use(auditMutation).use(requireAdmin);

/**
 * Procedures about one engine: `input.engine` is resolved to that engine's client (`ctx.api`) in one place, after
 * the rights check, so an unknown engine fails the same way everywhere.
 */
export const engineViewerProcedure = viewerProcedure
  .input(z.object({ engine: engineName }))
  .use(function resolveEngine({ ctx, input, next }) {
    return next({ ctx: { api: ctx.registry.api(input.engine) } });
  });
export const engineAdminProcedure = adminProcedure
  .input(z.object({ engine: engineName }))
  .use(function resolveEngine({ ctx, input, next }) {
    return next({ ctx: { api: ctx.registry.api(input.engine) } });
  });
