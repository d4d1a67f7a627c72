// engines: which Docker engines Berth can reach, their health, and the selected engine's overview.
import { z } from 'zod';
import { engineInfo } from '../docker/system';
import { router, viewerProcedure } from '../trpc';
import { engineName } from './schemas';

export const enginesRouter = router({
  list: viewerProcedure.query(({ ctx }) => ctx.registry.list()),
  current: viewerProcedure.query(({ ctx }) => ({ name: ctx.registry.current() })),
  info: viewerProcedure
    .input(z.object({ engine: engineName }))
    .query(({ ctx, input }) => engineInfo(ctx.registry.api(input.engine))),
  health: viewerProcedure
    .input(z.object({ engine: engineName }))
    .query(({ ctx, input }) => {
      ctx.registry.get(input.engine);
      return ctx.registry.checkHealth(input.engine, true);
    }),
});
