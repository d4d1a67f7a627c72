// swarm: a manager's view of its cluster (nodes, services, tasks, stacks, secrets, configs, overlay networks), the
// changes admins make to it, and a service's log merged from its tasks.
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { streamSignal } from '../context';
import { isImageReference } from '../docker/reference';
import {
  MAX_OBJECT_BYTES,
  createObject,
  forceRestartService,
  joinTokens,
  removeNode,
  removeObject,
  removeService,
  removeStack,
  rollbackService,
  scaleService,
  updateNode,
  updateServiceImage,
} from '../docker/swarm-actions';
import { inspectService, listNodes, listOverlayNetworks, listServices, listStacks, listSwarmObjects, listTasks, swarmStatus } from '../docker/swarm';
import { registryAuthConfig } from '../registries/auth-header';
import { waitForRoom } from '../streams/backpressure';
import { SERVICE_LOG_ID_MAX, followServiceLogs } from '../streams/service-logs';
import { engineAdminProcedure, engineViewerProcedure, router } from '../trpc';
import { labelsInput, objectRef, resourceName } from './schemas';

const target = z.object({ id: objectRef });
const time = z
  .string()
  .regex(/^\d+(\.\d{1,9})?$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'must be RFC 3339 (2024-05-01T10:00:00Z) or Unix seconds');
const image = z
  .string()
  .min(1, { message: 'must not be empty', abort: true })
  .max(512, { message: 'must be at most 512 characters', abort: true })
  .refine(isImageReference, 'must be an image reference such as "busybox:latest" or "registry.local:5000/team/app:1.0"');
/** Secret and config data: text, bounded by the engine's own limit. */
const objectData = z
  .string()
  .max(MAX_OBJECT_BYTES, { message: 'must be at most 500 KB', abort: true })
  .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_OBJECT_BYTES, 'must be at most 500 KB');
const objectInput = z.object({ name: resourceName.max(64, 'must be at most 64 characters'), data: objectData, labels: labelsInput });

const ok = { ok: true as const };

export const swarmRouter = router({
  status: engineViewerProcedure.query(({ ctx }) => swarmStatus(ctx.api)),
  nodes: engineViewerProcedure.query(({ ctx }) => listNodes(ctx.api)),
  services: engineViewerProcedure.query(({ ctx }) => listServices(ctx.api)),
  service: engineViewerProcedure.input(target).query(({ ctx, input }) => inspectService(ctx.api, input.id)),
  tasks: engineViewerProcedure.input(z.object({ service: objectRef.optional() })).query(({ ctx, input }) => listTasks(ctx.api, input.service)),
  stacks: engineViewerProcedure.query(({ ctx }) => listStacks(ctx.api)),
  secrets: engineViewerProcedure.query(({ ctx }) => listSwarmObjects(ctx.api, 'secrets')),
  configs: engineViewerProcedure.query(({ ctx }) => listSwarmObjects(ctx.api, 'configs')),
  networks: engineViewerProcedure.query(({ ctx }) => listOverlayNetworks(ctx.api)),

  serviceLogs: engineViewerProcedure
    .input(
      z.object({
        id: objectRef,
        tail: z.union([z.number().int().min(0, 'must be 0 or more').max(10_000_000, 'must be at most 10,000,000'), z.literal('all')]).optional(),
        since: time.optional(),
        until: time.optional(),
        timestamps: z.boolean().optional(),
        follow: z.boolean().optional(),
        lastEventId: z.string().max(SERVICE_LOG_ID_MAX).optional(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal: closed }) {
      const signal = streamSignal(ctx, closed);
      for await (const batch of followServiceLogs(ctx.api, input.id, { ...input, signal })) {
        await waitForRoom(ctx.socket, signal);
        yield tracked(batch.id, batch.lines);
      }
    }),

  nodeUpdate: engineAdminProcedure
    .input(
      target.extend({
        version: z.number().int().min(0),
        availability: z.enum(['active', 'pause', 'drain']).optional(),
        role: z.enum(['manager', 'worker']).optional(),
        labels: labelsInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await updateNode(ctx.api, input.id, input.version, input);
      return ok;
    }),
  nodeRemove: engineAdminProcedure.input(target).mutation(async ({ ctx, input }) => {
    await removeNode(ctx.api, input.id);
    return ok;
  }),
  scale: engineAdminProcedure
    .input(target.extend({ replicas: z.number().int().min(0, 'must be 0 or more').max(10_000, 'must be at most 10,000') }))
    .mutation(({ ctx, input }) => scaleService(ctx.api, input.id, input.replicas)),
  updateImage: engineAdminProcedure.input(target.extend({ image })).mutation(async ({ ctx, input }) => {
    const auth = await registryAuthConfig(ctx, input.image).catch(() => undefined);
    return updateServiceImage(ctx.api, input.id, input.image, auth);
  }),
  forceRestart: engineAdminProcedure.input(target).mutation(({ ctx, input }) => forceRestartService(ctx.api, input.id)),
  rollback: engineAdminProcedure.input(target).mutation(({ ctx, input }) => rollbackService(ctx.api, input.id)),
  removeService: engineAdminProcedure.input(target).mutation(async ({ ctx, input }) => {
    await removeService(ctx.api, input.id);
    return ok;
  }),
  removeStack: engineAdminProcedure.input(z.object({ name: resourceName })).mutation(({ ctx, input }) => removeStack(ctx.api, input.name)),
  createSecret: engineAdminProcedure.input(objectInput).mutation(({ ctx, input }) => createObject(ctx.api, 'secret', input)),
  createConfig: engineAdminProcedure.input(objectInput).mutation(({ ctx, input }) => createObject(ctx.api, 'config', input)),
  removeSecret: engineAdminProcedure.input(target).mutation(async ({ ctx, input }) => {
    await removeObject(ctx.api, 'secret', input.id);
    return ok;
  }),
  removeConfig: engineAdminProcedure.input(target).mutation(async ({ ctx, input }) => {
    await removeObject(ctx.api, 'config', input.id);
    return ok;
  }),
  /** A mutation, so that every request for the tokens is audited. */
  joinTokens: engineAdminProcedure.mutation(({ ctx }) => joinTokens(ctx.api)),
});
