// vm.engine: the VM's daemon.json (/vm/engine, Settings → Docker Engine). Reading it is for viewers; applying it is
// for admins, audited, and restarts dockerd in the VM, never the VM.
import { z } from 'zod';
import { DAEMON_JSON_MAX_BYTES } from '../../lib/daemon-config';
import type { Context } from '../context';
import { BerthError } from '../errors';
import { adminProcedure, router, viewerProcedure } from '../trpc';
import type { VmManager } from '../vm';

function vmOf(ctx: Context): VmManager {
  if (!ctx.vm) throw new BerthError('NOT_FOUND', 'This Berth runs without its VM.');
  return ctx.vm;
}

/** The audit log names the file and its top-level keys, never their values. */
function applyTarget(input: unknown): string | null {
  const text = (input as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return 'daemon.json';
  try {
    const keys = Object.keys(JSON.parse(text) as object);
    return `daemon.json: ${keys.length ? keys.join(', ') : 'no keys'}`.slice(0, 500);
  } catch {
    return 'daemon.json (not valid JSON)';
  }
}

export const vmEngineRouter = router({
  config: viewerProcedure.query(({ ctx }) => vmOf(ctx).engineConfig()),
  applyConfig: adminProcedure
    .meta({ audit: { target: applyTarget } })
    .input(z.object({ text: z.string().max(DAEMON_JSON_MAX_BYTES, `daemon.json is too long: Berth accepts at most ${DAEMON_JSON_MAX_BYTES / 1024} KiB.`) }))
    .mutation(({ ctx, input }) => ({ operation: vmOf(ctx).applyEngineConfig(input.text).id })),
});
