// Renders a page the way Providers does (TanStack Query + tRPC over httpBatchLink), against the msw server.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type TRPCLink, createTRPCClient, httpBatchLink, splitLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { TRPCProvider } from '@/lib/trpc';
import type { AppRouter } from '@/server/routers/_app';
import { TRPC_URL } from './trpc';

// jsdom has no layout: the table window measures nothing and keeps its default band, which is what we want.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

/** Subscriptions (stats, engine events) stay silent: pages then fall back to polling, as with no WebSocket. */
const silentSubscriptions: TRPCLink<AppRouter> = () => () => observable(() => () => {});

export function renderPage(ui: ReactElement) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 1_000 } } });
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: silentSubscriptions,
        // One procedure per request, so each domain's msw handler answers (and a test overrides) its own.
        false: httpBatchLink({ url: TRPC_URL, maxURLLength: 4000, maxItems: 1 }),
      }),
    ],
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ToastProvider>{ui}</ToastProvider>
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
