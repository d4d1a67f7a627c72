// engines: which Docker engines Berth can reach, their health, and the selected engine's overview.
import { engineInfo } from '../docker/system';
import { engineViewerProcedure, router, viewerProcedure } from '../trpc';

export const enginesRouter = router({
  list: viewerProcedure.query(({ ctx }) => ctx.registry.list()),
  current: viewerProcedure.query(({ ctx }) => ({ name: ctx.registry.current() })),
  info: engineViewerProcedure.query(({ ctx }) => engineInfo(ctx.api)),
  health: engineViewerProcedure.query(({ ctx, input }) => ctx.registry.checkHealth(input.engine, true)),
});
