// images: list (with in-use counts and a dangling filter), inspect with history, remove, tag.
import { z } from 'zod';
import { inspectImage, listImages, removeImage, tagImage } from '../docker/images';
import { engineAdminProcedure, engineViewerProcedure, router } from '../trpc';
import { imageBuildProcedures } from './image-build';
import { imageTransferProcedures } from './image-transfer';
import { imageRef, repoName, tagName } from './schemas';

export const imagesRouter = router({
  ...imageBuildProcedures,
  ...imageTransferProcedures,
  list: engineViewerProcedure
    .input(z.object({ dangling: z.boolean().optional() }))
    .query(({ ctx, input }) => listImages(ctx.api, { dangling: input.dangling })),
  inspect: engineViewerProcedure
    .input(z.object({ id: imageRef }))
    .query(({ ctx, input }) => inspectImage(ctx.api, input.id)),
  remove: engineAdminProcedure
    .input(z.object({ id: imageRef, force: z.boolean().optional() }))
    .mutation(({ ctx, input }) => removeImage(ctx.api, input.id, { force: input.force })),
  tag: engineAdminProcedure
    .input(z.object({ id: imageRef, repo: repoName, tag: tagName.default('latest') }))
    .mutation(async ({ ctx, input }) => {
      await tagImage(ctx.api, input.id, input.repo, input.tag);
      return { ok: true as const, reference: `${input.repo}:${input.tag}` };
    }),
});
