// volumes: list with users, inspect, create, remove (refused while a container uses the volume).
import { z } from 'zod';
import { createVolume, inspectVolume, listVolumes, removeVolume } from '../docker/volumes';
import { engineAdminProcedure, engineViewerProcedure, router } from '../trpc';
import { labelsInput, resourceName } from './schemas';

export const volumesRouter = router({
  list: engineViewerProcedure.query(({ ctx }) => listVolumes(ctx.api)),
  inspect: engineViewerProcedure
    .input(z.object({ name: resourceName }))
    .query(({ ctx, input }) => inspectVolume(ctx.api, input.name)),
  create: engineAdminProcedure
    .input(
      z.object({
        name: resourceName.optional(),
        driver: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]{0,127}$/, 'must be a volume driver name such as "local"').optional(),
        labels: labelsInput,
      }),
    )
    .mutation(({ ctx, input }) => createVolume(ctx.api, input)),
  remove: engineAdminProcedure
    .input(z.object({ name: resourceName, force: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      await removeVolume(ctx.api, input.name, { force: input.force });
      return { ok: true as const };
    }),
});
