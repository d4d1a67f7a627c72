// containers: list, inspect and the lifecycle actions, one at a time and in bulk.
import { z } from 'zod';
import { cachedContainers } from '../docker/container-cache';
import { inspectContainer } from '../docker/container-detail';
import { CONTAINER_ACTIONS, type ContainerAction, bulkAction, containerAction, listContainers } from '../docker/containers';
import { adminProcedure, router, viewerProcedure } from '../trpc';
import { logsProcedure, statsAllProcedure, statsProcedure } from './container-streams';
import { engineName, objectRef } from './schemas';

const target = z.object({ engine: engineName, id: objectRef });
const timeout = z.number().int().min(0, 'must be 0 or more seconds').max(3600, 'must be at most an hour').optional();
const signal = z
  .string()
  .regex(/^(SIG)?[A-Z0-9]{2,10}$|^[0-9]{1,2}$/, 'must be a signal such as SIGTERM, KILL or 9')
  .optional();

function action(name: Exclude<ContainerAction, 'remove' | 'kill' | 'stop' | 'restart'>) {
  return adminProcedure.input(target).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.registry.api(input.engine), input.id, name);
    return { ok: true as const };
  });
}

export const containersRouter = router({
  logs: logsProcedure,
  stats: statsProcedure,
  statsAll: statsAllProcedure,
  list: viewerProcedure
    .input(z.object({ engine: engineName, all: z.boolean().optional() }))
    .query(({ ctx, input }) => {
      const api = ctx.registry.api(input.engine);
      return input.all === false ? listContainers(api, { all: false }) : cachedContainers(api, () => listContainers(api));
    }),
  inspect: viewerProcedure
    .input(target)
    .query(({ ctx, input }) => inspectContainer(ctx.registry.api(input.engine), input.id)),
  start: action('start'),
  pause: action('pause'),
  unpause: action('unpause'),
  stop: adminProcedure.input(target.extend({ timeout })).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.registry.api(input.engine), input.id, 'stop', { timeout: input.timeout });
    return { ok: true as const };
  }),
  restart: adminProcedure.input(target.extend({ timeout })).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.registry.api(input.engine), input.id, 'restart', { timeout: input.timeout });
    return { ok: true as const };
  }),
  kill: adminProcedure.input(target.extend({ signal })).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.registry.api(input.engine), input.id, 'kill', { signal: input.signal });
    return { ok: true as const };
  }),
  remove: adminProcedure
    .input(target.extend({ force: z.boolean().optional(), volumes: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      await containerAction(ctx.registry.api(input.engine), input.id, 'remove', { force: input.force, volumes: input.volumes });
      return { ok: true as const };
    }),
  bulk: adminProcedure
    .input(
      z.object({
        engine: engineName,
        action: z.enum(CONTAINER_ACTIONS),
        ids: z.array(objectRef).min(1, 'select at least one container').max(1000, 'select at most 1000 containers'),
        force: z.boolean().optional(),
        volumes: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      bulkAction(ctx.registry.api(input.engine), input.ids, input.action, { force: input.force, volumes: input.volumes }),
    ),
});
