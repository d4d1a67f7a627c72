// The tRPC spine: one initTRPC, the procedures routers may use, and the single BerthError → wire boundary.
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context';
import { engineName } from './engines/engine-name';
import { formatError, toTRPCError } from './error-wire';
import { BerthError } from './errors';
import { auditMutation } from './middleware/audit';
import { requireAdmin, requireViewer } from './middleware/rights';
import type { Meta } from './middleware/types';

const t = initTRPC.context<Context>().meta<Meta>().create({
  // Pings keep SSH tunnels and proxies from closing quiet streams; clients reconnect (and resume) after silence.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
  errorFormatter: formatError,
});

/** The one boundary: a BerthError thrown by a procedure or a middleware leaves as its mapped TRPCError. */
async function mapBerthErrors(opts: { next: () => Promise<any> }) {
  const result = await opts.next();
  if (!result.ok && result.error.cause instanceof BerthError) throw toTRPCError(result.error.cause);
  return result;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapBerthErrors);
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
