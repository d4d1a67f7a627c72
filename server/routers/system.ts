// system: engine-wide streams and figures (events now; disk usage lives beside it).
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { streamSignal } from '../context';
import { streamEvents } from '../streams/events';
import { withTaskEvents } from '../streams/task-events';
import { engineViewerProcedure, router } from '../trpc';

import { dfProcedure, dfViewProcedure, pruneProcedure, prunePreviewProcedure } from './system-disk';

export const systemRouter = router({
  df: dfProcedure,
  dfView: dfViewProcedure,
  prunePreview: prunePreviewProcedure,
  prune: pruneProcedure,
  events: engineViewerProcedure
    .input(
      z.object({
        since: z.string().regex(/^\d+(\.\d{1,9})?$/, 'must be Unix seconds, such as 1700000000').optional(),
        lastEventId: z.string().max(64).optional(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const stop = streamSignal(ctx, signal);
      // On a swarm manager, converging services' task changes join the engine's events.
      for await (const event of withTaskEvents(ctx.api, streamEvents(ctx.api, { ...input, signal: stop }), stop)) {
        yield tracked(event.id, event);
      }
    }),
});
