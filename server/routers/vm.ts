// vm: Berth's own VM — status, lifecycle, resources, disk and logs. Long operations run in the
// background and report progress through `status`.
import { z } from 'zod';
import { BerthError } from '../errors';
import { adminProcedure, router, viewerProcedure } from '../trpc';
import type { Context } from '../context';
import { settingsSchema } from '../../lib/vm-settings';
import type { VmManager } from '../vm';
import { hostLimits } from '../vm/settings';
import { vmNetworkRouter } from './vm-network';
import { vmEngineRouter } from './vm-engine';

function vmOf(ctx: Context): VmManager {
  if (!ctx.vm) throw new BerthError('NOT_FOUND', 'This Berth runs without its VM.');
  return ctx.vm;
}

const confirmText = z.string().max(64, 'The confirmation is too long.').optional();

export const vmRouter = router({
  status: viewerProcedure.query(({ ctx }) => vmOf(ctx).status()),
  start: adminProcedure.mutation(({ ctx }) => ({ operation: vmOf(ctx).start().id })),
  stop: adminProcedure.mutation(({ ctx }) => ({ operation: vmOf(ctx).stop().id })),
  restart: adminProcedure.mutation(({ ctx }) => ({ operation: vmOf(ctx).restart().id })),
  build: adminProcedure.mutation(({ ctx }) => ({ operation: vmOf(ctx).build().id })),
  rebuild: adminProcedure.mutation(({ ctx }) => ({ operation: vmOf(ctx).rebuild().id })),
  reclaim: adminProcedure.mutation(({ ctx }) => ({ operation: vmOf(ctx).reclaim().id })),
  applySettings: adminProcedure
    .input(z.object({ settings: settingsSchema(hostLimits()), confirm: confirmText }))
    .mutation(({ ctx, input }) => ({ operation: vmOf(ctx).apply(input.settings, input.confirm).id })),
  reset: adminProcedure.input(z.object({ confirm: z.string().max(64) })).mutation(({ ctx, input }) => ({ operation: vmOf(ctx).reset(input.confirm).id })),
  logs: viewerProcedure
    .input(z.object({ kind: z.enum(['console', 'dockerd', 'qemu', 'supervisor'], 'must be console, dockerd, qemu or supervisor'), maxBytes: z.number().int().min(1024).max(4 * 1024 * 1024).optional() }))
    .query(({ ctx, input }) => vmOf(ctx).logs(input.kind, input.maxBytes)),
  engine: vmEngineRouter,
  network: vmNetworkRouter,
});
