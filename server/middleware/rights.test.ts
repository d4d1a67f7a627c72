import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Context } from '../context';
import type { User } from '../store/principal';
import { endWhenRevoked } from './rights';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function watchedContext(): { ctx: Context; revoke: () => void } {
  let onChange: ((now: User | null) => void) | undefined;
  const access = { watch: (_c: unknown, _u: User, cb: (now: User | null) => void) => ((onChange = cb), () => undefined) };
  return { ctx: { access, credential: { kind: 'token', hash: 'x' } } as unknown as Context, revoke: () => onChange?.(null) };
}

describe('a subscription guarded by its rights', () => {
  it('keeps nothing it has passed on: a long follow does not hold every event it sent', async () => {
    const refs: WeakRef<object>[] = [];
    async function* source() {
      for (let i = 0; i < 200; i++) {
        const event = { bytes: Buffer.alloc(64 * 1024) };
        refs.push(new WeakRef(event));
        yield event;
      }
      await new Promise(() => undefined);
    }
    const { ctx } = watchedContext();
    const it = endWhenRevoked(ctx, {} as User, source(), new AbortController())[Symbol.asyncIterator]();
    for (let i = 0; i < 200; i++) await it.next();
    await new Promise((r) => setTimeout(r, 10));
    gc();
    const kept = refs.filter((r) => r.deref() !== undefined).length;
    // The last event may still be referenced by the generator's frame; none of the earlier ones.
    expect(kept).toBeLessThanOrEqual(2);
  });

  it('ends a waiting stream with a sentence when the rights end, and aborts what feeds it', async () => {
    async function* quiet() {
      yield 1;
      await new Promise(() => undefined);
    }
    const { ctx, revoke } = watchedContext();
    const revoked = new AbortController();
    const it = endWhenRevoked(ctx, {} as User, quiet(), revoked)[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: 1 });
    const waiting = it.next();
    revoke();
    await expect(waiting).rejects.toThrow('Your sign-in ended (signed out, revoked or expired): sign in again to continue.');
    expect(revoked.signal.aborted).toBe(true);
  });
});
