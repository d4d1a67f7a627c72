// vm.network: the VM's proxies, host access and default socket link (/vm/network). Changing them is for admins and
// audited; a change restarts dockerd in the VM, never the VM.
import { z } from 'zod';
import { networkSchema } from '../../lib/vm-network';
import type { Context } from '../context';
import { BerthError } from '../errors';
import { adminProcedure, router, viewerProcedure } from '../trpc';
import type { VmManager } from '../vm';

function vmOf(ctx: Context): VmManager {
  if (!ctx.vm) throw new BerthError('NOT_FOUND', 'This Berth runs without its VM.');
  return ctx.vm;
}

/** The audit log reads "proxies: manual, default socket: on"; never the proxy URLs, which may hold a password. */
function applyTarget(input: unknown): string | null {
  const s = (input as { settings?: { proxyMode?: unknown; defaultSocket?: unknown } } | null)?.settings;
  if (!s) return null;
  return `proxies: ${String(s.proxyMode).slice(0, 20)}, default socket: ${s.defaultSocket ? 'on' : 'off'}`;
}

export const vmNetworkRouter = router({
  get: viewerProcedure.query(({ ctx }) => vmOf(ctx).network.view(ctx.user?.role === 'admin')),
  save: adminProcedure
    .meta({ audit: { target: applyTarget } })
    .input(z.object({ settings: networkSchema }))
    .mutation(({ ctx, input }) => vmOf(ctx).network.apply(input.settings)),
});
