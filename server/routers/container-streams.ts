// containers.logs and containers.stats: subscriptions (SSE, or the tab's WebSocket) with resumable ids.
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { waitForRoom } from '../streams/backpressure';
import { followLogs } from '../streams/log-follow';
import { searchLogs } from '../streams/log-search';
import { streamStats, streamStatsAll } from '../streams/stats';
import { streamSignal } from '../context';
import { engineViewerProcedure } from '../trpc';
import { objectRef } from './schemas';

const time = z
  .string()
  .regex(/^\d+(\.\d{1,9})?$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'must be RFC 3339 (2024-05-01T10:00:00Z) or Unix seconds');

export const logsProcedure = engineViewerProcedure
  .input(
    z.object({
      id: objectRef,
      tail: z.union([z.number().int().min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1,000,000'), z.literal('all')]).optional(),
      since: time.optional(),
      until: time.optional(),
      timestamps: z.boolean().optional(),
      follow: z.boolean().optional(),
      lastEventId: z.string().max(64).optional(),
    }),
  )
  .subscription(async function* ({ ctx, input, signal: closed }) {
    const signal = streamSignal(ctx, closed);
    for await (const batch of followLogs(ctx.api, input.id, { ...input, signal })) {
      await waitForRoom(ctx.socket, signal);
      yield tracked(batch.id, batch.lines);
    }
  });

/** The whole log the engine holds, searched on the server: matches stream out as they are found. */
export const searchLogsProcedure = engineViewerProcedure
  .input(
    z.object({
      id: objectRef,
      query: z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
      regex: z.boolean().optional(),
      stdout: z.boolean().optional(),
      stderr: z.boolean().optional(),
      since: time.optional(),
      until: time.optional(),
      limit: z.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10,000').optional(),
    }),
  )
  .subscription(async function* ({ ctx, input, signal: closed }) {
    const signal = streamSignal(ctx, closed);
    for await (const step of searchLogs(ctx.api, input.id, { ...input, signal })) {
      await waitForRoom(ctx.socket, signal);
      yield step;
    }
  });

export const statsProcedure = engineViewerProcedure
  .input(z.object({ id: objectRef }))
  .subscription(async function* ({ ctx, input, signal }) {
    yield* streamStats(ctx.api, input.id, streamSignal(ctx, signal));
  });

export const statsAllProcedure = engineViewerProcedure
  .input(z.object({ intervalMs: z.number().int().min(500).max(60_000).optional() }))
  .subscription(async function* ({ ctx, input, signal }) {
    yield* streamStatsAll(ctx.api, { signal: streamSignal(ctx, signal), intervalMs: input.intervalMs });
  });
