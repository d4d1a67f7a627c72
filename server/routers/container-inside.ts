// What runs and what is stored inside a container: its processes, and its files through the archive API.
import { z } from 'zod';
import { listProcesses } from '../docker/processes';
import { engineName } from '../engines/engine-name';
import { VIEW_MAX_BYTES, listFolder, readTextFile, writeTextFile } from '../files/files';
import { requireAdmin } from '../middleware/rights';
import { engineAdminProcedure, engineViewerProcedure, publicProcedure } from '../trpc';
import { objectRef } from './schemas';

const target = z.object({ id: objectRef });
const inContainer = target.extend({ path: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters') });

function auditPath(input: unknown): string | null {
  const i = input as { id?: unknown; path?: unknown } | undefined;
  return typeof i?.id === 'string' && typeof i.path === 'string' ? `${i.id}:${i.path}`.slice(0, 1000) : null;
}

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
  /** A folder's entries, read from the archive API: works on stopped containers too. Viewers within their scope. */
  files: engineViewerProcedure.input(inContainer).query(({ ctx, input }) => listFolder(ctx.api, input.id, input.path)),
  /** A text file of at most 1 MiB; binary and larger files come back without their text. */
  readFile: engineViewerProcedure.input(inContainer).query(({ ctx, input }) => readTextFile(ctx.api, input.id, input.path)),
  writeFile: engineAdminProcedure
    .meta({ audit: { target: (input) => auditPath(input) } })
    .input(inContainer.extend({ text: z.string().max(VIEW_MAX_BYTES, 'must be at most 1 MiB') }))
    .mutation(({ ctx, input }) => writeTextFile(ctx.api, input.id, input.path, input.text)),
};
