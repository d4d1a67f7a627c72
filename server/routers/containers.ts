// containers: list, inspect and the lifecycle actions, one at a time and in bulk.
import { z } from 'zod';
import { cachedContainers } from '../docker/container-cache';
import { inspectContainer } from '../docker/container-detail';
import { CONTAINER_ACTIONS, type ContainerAction, bulkAction, containerAction, listContainers } from '../docker/containers';
import { engineAdminProcedure, engineViewerProcedure, router } from '../trpc';
import { containerInsideProcedures } from './container-inside';
import { containerRunProcedures } from './container-run';
import { logsProcedure, searchLogsProcedure, statsAllProcedure, statsProcedure } from './container-streams';
import { objectRef } from './schemas';

const target = z.object({ id: objectRef });
const timeout = z.number().int().min(0, 'must be 0 or more seconds').max(3600, 'must be at most an hour').optional();
const signal = z
  .string()
  .regex(/^(SIG)?[A-Z0-9]{2,10}$|^[0-9]{1,2}$/, 'must be a signal such as SIGTERM, KILL or 9')
  .optional();

function action(name: Exclude<ContainerAction, 'remove' | 'kill' | 'stop' | 'restart'>) {
  return engineAdminProcedure.input(target).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.api, input.id, name);
    return { ok: true as const };
  });
}

export const containersRouter = router({
  logs: logsProcedure,
  searchLogs: searchLogsProcedure,
  stats: statsProcedure,
  statsAll: statsAllProcedure,
  ...containerRunProcedures,
  ...containerInsideProcedures,
  list: engineViewerProcedure
    .input(z.object({ all: z.boolean().optional() }))
    .query(({ ctx: { api }, input }) => (input.all === false ? listContainers(api, { all: false }) : cachedContainers(api, () => listContainers(api)))),
  inspect: engineViewerProcedure
    .input(target)
    .query(({ ctx, input }) => inspectContainer(ctx.api, input.id)),
  start: action('start'),
  pause: action('pause'),
  unpause: action('unpause'),
  stop: engineAdminProcedure.input(target.extend({ timeout })).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.api, input.id, 'stop', { timeout: input.timeout });
    return { ok: true as const };
  }),
  restart: engineAdminProcedure.input(target.extend({ timeout })).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.api, input.id, 'restart', { timeout: input.timeout });
    return { ok: true as const };
  }),
  kill: engineAdminProcedure.input(target.extend({ signal })).mutation(async ({ ctx, input }) => {
    await containerAction(ctx.api, input.id, 'kill', { signal: input.signal });
    return { ok: true as const };
  }),
  remove: engineAdminProcedure
    .input(target.extend({ force: z.boolean().optional(), volumes: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      await containerAction(ctx.api, input.id, 'remove', { force: input.force, volumes: input.volumes });
      return { ok: true as const };
    }),
  bulk: engineAdminProcedure
    .input(
      z.object({
        action: z.enum(CONTAINER_ACTIONS),
        ids: z.array(objectRef).min(1, 'select at least one container').max(1000, 'select at most 1000 containers'),
        force: z.boolean().optional(),
        volumes: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      bulkAction(ctx.api, input.ids, input.action, { force: input.force, volumes: input.volumes }),
    ),
});
