// The audit log's middleware: one row per mutation, allowed or refused.
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { describeZodError } from '../errors';
import { currentUser } from './rights';
import type { MiddlewareOpts } from './types';

/** What a mutation acted on, for the audit log: the object's name or id, or the list of them (flat, bounded). */
function auditTarget(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const record = input as Record<string, unknown>;
  for (const key of ['id', 'name', 'ids', 'target', 'repo']) {
    const v = record[key];
    if (typeof v === 'string') return v.slice(0, 1000);
    if (typeof v === 'number') return `#${v}`;
    if (Array.isArray(v)) {
      const names = v.slice(0, 1000).filter((x) => typeof x === 'string' || typeof x === 'number');
      return names.length ? names.join(', ').slice(0, 1000) : `(${v.length} items)`;
    }
  }
  return null;
}

function auditDetail(error: TRPCError): string {
  return (error.cause instanceof ZodError ? describeZodError(error.cause) : error.message).slice(0, 2000);
}

/**
 * Every mutation passes here, allowed or refused: who, engine, action, target and result. A procedure may declare
 * how its target reads (`meta.audit.target`, beside the procedure); it is worked out before the change, while
 * what it names still exists.
 */
export async function auditMutation(opts: MiddlewareOpts) {
  const input = await opts.getRawInput().catch(() => undefined);
  let target: string | null;
  try {
    target = opts.meta?.audit?.target?.(input, opts.ctx) ?? auditTarget(input);
  } catch {
    target = auditTarget(input);
  }
  const result = await opts.next();
  const user = currentUser(opts.ctx);
  if (!user) return result;
  const engine = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).engine : undefined;
  opts.ctx.access.audit.record({
    user: user.name,
    role: user.role,
    engine: typeof engine === 'string' ? engine.slice(0, 200) : null,
    action: opts.path,
    target,
    result: result.ok ? 'ok' : 'error',
    detail: result.ok ? null : auditDetail(result.error as TRPCError),
    address: opts.ctx.address ?? null,
  });
  return result;
}
