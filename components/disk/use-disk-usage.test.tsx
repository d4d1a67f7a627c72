// @vitest-environment jsdom
// The disk page hears engine events through the engine frame's one subscription, and asks for a newer snapshot.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type TRPCLink, createTRPCClient, httpBatchLink, splitLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EngineEvents } from '@/components/shell/engine-events';
import type { EngineEvent, RouterOutputs } from '@/lib/router-types';
import { TRPCProvider } from '@/lib/trpc';
import type { AppRouter } from '@/server/routers/_app';
import { server } from '@/test/msw/server';
import { TRPC_URL, trpcQuery } from '@/test/msw/trpc';
import { useDiskUsage } from './use-disk-usage';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

type Push = (event: Partial<EngineEvent>) => void;

/** A client whose subscriptions the test drives: each one opened is recorded with a way to deliver events. */
function drivenClient(opened: { path: string; push: Push }[]) {
  const subscriptions: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      let n = 0;
      observer.next({ result: { type: 'started' } });
      opened.push({ path: op.path, push: (event) => observer.next({ result: { type: 'data', data: { id: String(++n), data: event } } }) });
      return () => {};
    });
  return createTRPCClient<AppRouter>({
    links: [splitLink({ condition: (op) => op.type === 'subscription', true: subscriptions, false: httpBatchLink({ url: TRPC_URL, maxItems: 1 }) })],
  });
}

function Snapshot() {
  const { usage } = useDiskUsage('local');
  return <p>{usage ? `snapshot ${usage.startedAt}` : 'none'}</p>;
}

describe('useDiskUsage', () => {
  it('opens no events subscription of its own and asks for a newer snapshot after an image is pulled', async () => {
    const asked: unknown[] = [];
    let startedAt = 1000;
    server.use(
      trpcQuery('system.dfView', (input) => {
        asked.push((input as { after?: number }).after);
        const usage = { startedAt, durationMs: 10 } as NonNullable<RouterOutputs['system']['dfView']['usage']>;
        return { usage, computing: null } as RouterOutputs['system']['dfView'];
      }),
    );
    const opened: { path: string; push: Push }[] = [];
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={drivenClient(opened)} queryClient={queryClient}>
          <EngineEvents engine="local">
            <Snapshot />
          </EngineEvents>
        </TRPCProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('snapshot 1000');
    expect(opened.filter((s) => s.path === 'system.events')).toHaveLength(1);

    startedAt = 2000;
    act(() => opened[0]!.push({ type: 'image', action: 'pull', name: 'busybox' }));
    await screen.findByText('snapshot 2000', undefined, { timeout: 5000 });
    expect(asked).toContain(1000);
  });
});
