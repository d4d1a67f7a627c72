// system.df, system.prunePreview and system.prune: where the space goes, and getting it back safely.
import { z } from 'zod';
import { diskUsage } from '../docker/disk';
import { prune, prunePreview } from '../docker/disk-prune';
import { adminProcedure, viewerProcedure } from '../trpc';
import { engineName } from './schemas';

const options = z.object({
  images: z.enum(['none', 'dangling', 'unused']),
  containersOlderThanHours: z.number().int().min(0, 'must be 0 or more hours').max(24 * 3650, 'must be at most ten years').nullable(),
  volumes: z.boolean(),
  networks: z.boolean(),
  buildCache: z.boolean(),
});

const item = z.object({
  kind: z.enum(['container', 'image', 'volume', 'network', 'buildCache']),
  id: z.string().min(1).max(200).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/, 'must be an id or name'),
  name: z.string().max(300),
  size: z.number().min(0),
});

export const dfProcedure = viewerProcedure
  .input(z.object({ engine: engineName, fresh: z.boolean().optional() }))
  .query(({ ctx, input }) => diskUsage(ctx.registry.api(input.engine), { fresh: input.fresh }));

export const prunePreviewProcedure = viewerProcedure
  .input(z.object({ engine: engineName, options }))
  .query(({ ctx, input }) => prunePreview(ctx.registry.api(input.engine), input.options));

export const pruneProcedure = adminProcedure
  .input(z.object({ engine: engineName, items: z.array(item).min(1, 'choose something to remove').max(5000), containersOlderThanHours: options.shape.containersOlderThanHours }))
  .mutation(({ ctx, input }) => prune(ctx.registry.api(input.engine), input.items, { containersOlderThanHours: input.containersOlderThanHours }));
