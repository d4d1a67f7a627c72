// volumes: list with users, inspect, create, remove (refused while a container uses the volume).
import { z } from 'zod';
import { createVolume, inspectVolume, listVolumes, removeVolume } from '../docker/volumes';
import { adminProcedure, router, viewerProcedure } from '../trpc';
import { engineName, labelsInput, resourceName } from './schemas';

export const volumesRouter = router({
  list: viewerProcedure.input(z.object({ engine: engineName })).query(({ ctx, input }) => listVolumes(ctx.registry.api(input.engine))),
  inspect: viewerProcedure
    .input(z.object({ engine: engineName, name: resourceName }))
    .query(({ ctx, input }) => inspectVolume(ctx.registry.api(input.engine), input.name)),
  create: adminProcedure
    .input(
      z.object({
        engine: engineName,
        name: resourceName.optional(),
        driver: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]{0,127}$/, 'must be a volume driver name such as "local"').optional(),
        labels: labelsInput,
      }),
    )
    .mutation(({ ctx, input }) => createVolume(ctx.registry.api(input.engine), input)),
  remove: adminProcedure
    .input(z.object({ engine: engineName, name: resourceName, force: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      await removeVolume(ctx.registry.api(input.engine), input.name, { force: input.force });
      return { ok: true as const };
    }),
});
