// images: list (with in-use counts and a dangling filter), inspect with history, remove, tag.
import { z } from 'zod';
import { inspectImage, listImages, removeImage, tagImage } from '../docker/images';
import { adminProcedure, router, viewerProcedure } from '../trpc';
import { engineName, imageRef, repoName, tagName } from './schemas';

export const imagesRouter = router({
  list: viewerProcedure
    .input(z.object({ engine: engineName, dangling: z.boolean().optional() }))
    .query(({ ctx, input }) => listImages(ctx.registry.api(input.engine), { dangling: input.dangling })),
  inspect: viewerProcedure
    .input(z.object({ engine: engineName, id: imageRef }))
    .query(({ ctx, input }) => inspectImage(ctx.registry.api(input.engine), input.id)),
  remove: adminProcedure
    .input(z.object({ engine: engineName, id: imageRef, force: z.boolean().optional() }))
    .mutation(({ ctx, input }) => removeImage(ctx.registry.api(input.engine), input.id, { force: input.force })),
  tag: adminProcedure
    .input(z.object({ engine: engineName, id: imageRef, repo: repoName, tag: tagName.default('latest') }))
    .mutation(async ({ ctx, input }) => {
      await tagImage(ctx.registry.api(input.engine), input.id, input.repo, input.tag);
      return { ok: true as const, reference: `${input.repo}:${input.tag}` };
    }),
});
