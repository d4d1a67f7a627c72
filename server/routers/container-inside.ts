// What runs and what is stored inside a container: its processes, and its files through the archive API.
import { z } from 'zod';
import { listProcesses } from '../docker/processes';
import { engineName } from '../engines/engine-name';
import { requireAdmin } from '../middleware/rights';
import { publicProcedure } from '../trpc';
import { objectRef } from './schemas';

const target = z.object({ id: objectRef });

/**
 * Admin-only reads that the UI polls: they skip the audit middleware (it records every call of an admin procedure,
 * and a list refreshed every few seconds would bury the log); they change nothing.
 */
const engineAdminRead = publicProcedure
  .use(requireAdmin)
  .input(z.object({ engine: engineName }))
  .use(function resolveEngine({ ctx, input, next }) {
    return next({ ctx: { api: ctx.registry.api(input.engine) } });
  });

export const containerInsideProcedures = {
  /** Admin only: command lines often carry secrets (passwords and tokens given as arguments). */
  top: engineAdminRead.input(target).query(({ ctx, input }) => listProcesses(ctx.api, input.engine, input.id)),
};
