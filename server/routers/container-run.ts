// containers.run and containers.runSpec: the Run dialog's procedures, for admins only (a spec carries environments).
import { z } from 'zod';
import { type RunSpec, runSpecSchema, specFieldErrors } from '@/lib/run-spec';
import { runSpecOf } from '../docker/run-spec-of';
import { runFromSpec } from '../docker/run';
import { BerthError, describeZodError } from '../errors';
import { VM_ENGINE_NAME } from '../vm/engine';
import { withDefaultEnv } from '../vm/network';
import { engineAdminProcedure } from '../trpc';
import { objectRef } from './schemas';

/**
 * The spec is checked inside the procedure rather than as its input schema, so each message is keyed by the field's
 * full path in the form ("ports.0.hostPort"); the input schema would report them all under "spec".
 */
function checkSpec(spec: unknown): RunSpec {
  const parsed = runSpecSchema.safeParse(spec);
  if (!parsed.success) throw new BerthError('INVALID_INPUT', describeZodError(parsed.error), { fields: specFieldErrors(parsed.error) });
  return parsed.data;
}

const specInput = z.custom<RunSpec>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be a container spec');

/** How the audit log names a run: the image, and the name asked for. */
function runTarget(input: unknown): string | null {
  const spec = (input as { spec?: { image?: unknown; name?: unknown } } | null)?.spec;
  if (typeof spec?.image !== 'string') return null;
  return `${spec.image.slice(0, 500)}${typeof spec.name === 'string' && spec.name ? ` as ${spec.name.slice(0, 200)}` : ''}`;
}

export const containerRunProcedures = {
  run: engineAdminProcedure
    .meta({ audit: { target: runTarget } })
    .input(z.object({ spec: specInput }))
    // On the VM's engine, containers get its proxies unless they set their own, as with the docker CLI.
    .mutation(({ ctx, input }) => runFromSpec(ctx.api, withDefaultEnv(checkSpec(input.spec), input.engine === VM_ENGINE_NAME ? ctx.vm?.network.containerEnv() : undefined))),
  runSpec: engineAdminProcedure.input(z.object({ id: objectRef })).query(({ ctx, input }) => runSpecOf(ctx.api, input.id)),
};
