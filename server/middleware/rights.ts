// Who may call what, checked on every call: viewers read (masked, within a share link's scope), admins change; a
// subscription ends when the rights it was opened with do.
import { maskForViewer } from '../auth/masking';
import type { User } from '../store/principal';
import { assertInScope, filterToScope } from '../auth/scope';
import type { Context } from '../context';
import { BerthError } from '../errors';
import type { MiddlewareOpts } from './types';

/** Who is asking now. A call on a long-lived connection (the WebSocket) checks its credential again. */
export function currentUser(ctx: Context): User | null {
  if (ctx.live && ctx.credential !== undefined) return ctx.access.resolve(ctx.credential);
  return ctx.user;
}

function signedOut(): BerthError {
  return new BerthError('UNAUTHORIZED', 'Sign in to use Berth.');
}

/**
 * A subscription keeps the rights it was opened with only while they last: revocation, expiry, sign-out,
 * demotion or a revoked share link end it (within a second) with an error the client can show, and abort the
 * engine stream behind it.
 */
export function endWhenRevoked(ctx: Context, user: User, source: AsyncIterable<unknown>, revoked: AbortController): AsyncIterable<unknown> {
  const access = ctx.access;
  if (ctx.credential === undefined) return source;
  let ended: BerthError | null = null;
  /** Rejects the step being awaited; each step has its own promise, so nothing accumulates on a long-lived one. */
  let interrupt: ((err: BerthError) => void) | null = null;
  const unwatch = access.watch(ctx.credential, user, (now) => {
    ended = now
      ? new BerthError('FORBIDDEN', 'Your rights in Berth changed: reload the page to continue with the new ones.')
      : new BerthError('UNAUTHORIZED', 'Your sign-in ended (signed out, revoked or expired): sign in again to continue.');
    interrupt?.(ended);
  });
  return (async function* guarded() {
    const it = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        if (ended) throw ended;
        const step = await new Promise<IteratorResult<unknown>>((resolve, reject) => {
          interrupt = reject;
          it.next().then(resolve, reject);
        });
        interrupt = null;
        if (step.done) return;
        yield step.value;
      }
    } finally {
      unwatch();
      revoked.abort();
      void it.return?.()?.catch(() => undefined);
    }
  })();
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Runs the procedure as `user`; a subscription's stream ends when that user's rights do. */
async function proceed(opts: MiddlewareOpts, user: User) {
  const revoked = opts.type === 'subscription' ? new AbortController() : undefined;
  const result = await opts.next({ ctx: { ...opts.ctx, user, revoked: revoked?.signal } });
  if (result.ok && revoked && isAsyncIterable(result.data)) result.data = endWhenRevoked(opts.ctx, user, result.data, revoked);
  return result;
}

export async function requireViewer(opts: MiddlewareOpts) {
  const user = currentUser(opts.ctx);
  if (!user) throw signedOut();
  if (user.scope) await assertInScope(user.scope, opts.path, await opts.getRawInput(), opts.ctx.registry);
  const result = await proceed(opts, user);
  if (!result.ok) return result;
  if (user.scope) result.data = filterToScope(user.scope, opts.path, result.data);
  // Viewers see no secrets: every output passes the one masking function.
  if (user.role !== 'admin') result.data = maskForViewer(opts.path, result.data);
  return result;
}

export async function requireAdmin(opts: MiddlewareOpts) {
  const user = currentUser(opts.ctx);
  if (!user) throw signedOut();
  if (user.role !== 'admin' || user.scope) throw new BerthError('FORBIDDEN', 'Only an admin can change things.');
  return proceed(opts, user);
}
