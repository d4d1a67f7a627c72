// system.df, system.prunePreview and system.prune: where the space goes, and getting it back safely.
import { z } from 'zod';
import { diskUsage, diskUsageView } from '../docker/disk/cache';
import { prunePreview } from '../docker/disk/plan';
import { prune } from '../docker/disk/prune';
import { engineAdminProcedure, engineViewerProcedure } from '../trpc';

const pruneOptions = z.object({
  images: z.enum(['none', 'dangling', 'unused'], 'must be "none", "dangling" or "unused"'),
  containersOlderThanHours: z.number('must be a number of hours').int('must be whole hours').min(0, 'must be 0 or more hours').max(24 * 3650, 'must be at most ten years').nullable(),
  volumes: z.boolean('must be true or false'),
  networks: z.boolean('must be true or false'),
  buildCache: z.boolean('must be true or false'),
});

const pruneItem = z.object({
  kind: z.enum(['container', 'image', 'volume', 'network', 'buildCache'], 'must be container, image, volume, network or buildCache'),
  id: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters').regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/, 'must be an id or a name (letters, digits, "_", ".", ":", "-")'),
  name: z.string().max(600, 'must be at most 600 characters'),
  size: z.number().min(0, 'must be 0 or more bytes'),
  detail: z.string().max(2000, 'must be at most 2000 characters'),
  tags: z.array(z.string().max(600)).max(500).optional(),
});

const snapshotTime = z.number('must be a time in milliseconds').int().min(0).optional();

export const dfProcedure = engineViewerProcedure
  .input(z.object({ fresh: z.boolean().optional(), after: snapshotTime }))
  .query(({ ctx, input }) => diskUsage(ctx.api, input));

/** For pages: answers within waitMs, with the previous snapshot and progress while a slow engine computes. */
export const dfViewProcedure = engineViewerProcedure
  .input(z.object({ after: snapshotTime, waitMs: z.number().int().min(0).max(30_000, 'must be at most 30000 ms').default(400) }))
  .query(({ ctx, input }) => diskUsageView(ctx.api, input));

export const prunePreviewProcedure = engineViewerProcedure
  .input(z.object({ options: pruneOptions }))
  .query(({ ctx, input }) => prunePreview(ctx.api, input.options));

export const pruneProcedure = engineAdminProcedure
  .input(
      z.object({
        items: z.array(pruneItem).min(1, 'choose something to remove: preview first').max(10_000, 'must be at most 10000 items'),
      cutoff: z.number('must be Unix seconds or null').int().min(0).nullable(),
    }),
  )
  .mutation(({ ctx, input }) => prune(ctx.api, input.items, { cutoff: input.cutoff }));
