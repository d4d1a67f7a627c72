// images.pull and images.push (subscriptions of coalesced progress), the operations list, re-attaching and cancel.
import { type TrackedEnvelope, tracked } from '@trpc/server';
import type Docker from 'dockerode';
import { z } from 'zod';
import type { TransferKind, TransferSnapshot } from '@/lib/transfer';
import { streamSignal } from '../context';
import type { Context } from '../context';
import { BerthError } from '../errors';
import { operations } from '../images/operations';
import { transferAuth } from '../images/registry-auth';
import { transferTarget } from '../images/transfer';
import { adminProcedure, engineAdminProcedure, viewerProcedure } from '../trpc';

// The grammar itself is checked by transferTarget, which says what is wrong in one sentence; this only bounds it.
function transferRef(kind: TransferKind) {
  return z
    .string()
    .min(1, { message: 'must not be empty', abort: true })
    .max(512, { message: 'must be at most 512 characters: an image reference is shorter', abort: true })
    .superRefine((ref, zctx) => {
      try {
        transferTarget(kind, ref);
      } catch (err) {
        zctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    });
}
const opId = z.string().uuid('must be an operation id Berth gave out');
// tRPC's client sends the last event's id when it reconnects: "<opId>:<n>", so a reconnect re-attaches.
const lastEventId = z.string().max(100).optional();

/** The audit log names the image, which is what a pull, push or cancel acts on. */
const refTarget = { audit: { target: (input: unknown) => String((input as { ref?: unknown })?.ref ?? '').slice(0, 600) || null } };
const opTarget = {
  audit: {
    target: (input: unknown) => {
      const id = (input as { opId?: unknown })?.opId;
      return typeof id === 'string' ? (operations.get(id)?.ref ?? id) : null;
    },
  },
};

/** Reads of the operations list: admins only, checked before a subscription starts. */
const operationsReader = viewerProcedure.use(function requireAdminReader({ ctx, next }) {
  if (ctx.user?.role !== 'admin' || ctx.user.scope) throw new BerthError('FORBIDDEN', 'Only an admin can see pulls and pushes.');
  return next();
});

/** The operation's snapshots as tracked events; ids let a reconnecting client come back to the same operation. */
async function* follow(id: string, signal: AbortSignal | undefined): AsyncGenerator<TrackedEnvelope<TransferSnapshot>> {
  let n = 0;
  for await (const snapshot of operations.watch(id, signal)) yield tracked(`${id}:${n++}`, snapshot);
}

function resumedOp(last: string | undefined): string | undefined {
  const id = last?.split(':')[0];
  return id && operations.get(id) ? id : undefined;
}

async function startOp(ctx: Context & { api: Docker }, kind: TransferKind, engine: string, ref: string): Promise<string> {
  const target = transferTarget(kind, ref);
  const auth = await transferAuth(ctx.registry, target.ref);
  return operations.start(ctx.api, { kind, engine, ref: target.ref, auth });
}

function transferProcedure(kind: TransferKind) {
  return engineAdminProcedure
    .meta(refTarget)
    .input(z.object({ ref: transferRef(kind), lastEventId }))
    .subscription(async function* ({ ctx, input, signal }) {
      const id = resumedOp(input.lastEventId) ?? (await startOp(ctx, kind, input.engine, input.ref));
      yield* follow(id, streamSignal(ctx, signal));
    });
}

export const imageTransferProcedures = {
  pull: transferProcedure('pull'),
  push: transferProcedure('push'),
  // Reading the list or watching changes nothing, so these stay out of the audit log; they are still admins' only.
  operations: operationsReader.input(z.object({}).optional()).query((): TransferSnapshot[] => operations.list()),
  watchOperation: operationsReader
    .input(z.object({ opId, lastEventId }))
    .subscription(async function* ({ ctx, input, signal }) {
      if (!operations.get(input.opId)) throw new BerthError('NOT_FOUND', 'This pull or push is no longer known to Berth: it ended more than a few minutes ago, or Berth restarted.');
      yield* follow(input.opId, streamSignal(ctx, signal));
    }),
  cancelOperation: adminProcedure
    .meta(opTarget)
    .input(z.object({ opId }))
    .mutation(async ({ input }): Promise<TransferSnapshot> => {
      const snapshot = await operations.cancel(input.opId);
      if (!snapshot) throw new BerthError('NOT_FOUND', 'This pull or push is no longer known to Berth: it ended more than a few minutes ago, or Berth restarted.');
      return snapshot;
    }),
};
