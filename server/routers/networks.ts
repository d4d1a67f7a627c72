// networks: list, inspect with attached containers, create, remove (refused while in use).
import { isIP } from 'node:net';
import { z } from 'zod';
import { createNetwork, inspectNetwork, listNetworks, removeNetwork } from '../docker/networks';
import { engineAdminProcedure, engineViewerProcedure, router } from '../trpc';
import { objectRef, resourceName } from './schemas';

const cidr = z.string().refine((s) => {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || !ip || !bits || !/^\d{1,3}$/.test(bits)) return false;
  const v = isIP(ip);
  return v !== 0 && Number(bits) <= (v === 4 ? 32 : 128);
}, 'must be a subnet in CIDR form, such as 172.30.0.0/16');

export const networksRouter = router({
  list: engineViewerProcedure.query(({ ctx }) => listNetworks(ctx.api)),
  inspect: engineViewerProcedure
    .input(z.object({ id: objectRef }))
    .query(({ ctx, input }) => inspectNetwork(ctx.api, input.id)),
  create: engineAdminProcedure
    .input(
      z.object({
        name: resourceName,
        driver: z.enum(['bridge', 'overlay', 'macvlan', 'ipvlan']).default('bridge'),
        subnet: cidr.optional(),
        gateway: z.string().refine((s) => isIP(s) !== 0, 'must be an IP address').optional(),
        internal: z.boolean().optional(),
        attachable: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => createNetwork(ctx.api, input)),
  remove: engineAdminProcedure.input(z.object({ id: objectRef })).mutation(async ({ ctx, input }) => {
    await removeNetwork(ctx.api, input.id);
    return { ok: true as const };
  }),
});
