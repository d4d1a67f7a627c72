'use client';
// Query client and tRPC client for the whole app; a 401 sends the user to the login page.
import { QueryCache, QueryClient, QueryClientProvider, MutationCache } from '@tanstack/react-query';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import type { AppRouter } from '@/server/routers/_app';
import { BASE_PATH } from '@/lib/base-path';
import { TRPCProvider } from '@/lib/trpc';
import { errorView } from '@/lib/errors';

function onAuthError(err: unknown): void {
  if (errorView(err).status === 401 && typeof window !== 'undefined' && !window.location.pathname.startsWith(`${BASE_PATH}/login`)) {
    window.location.href = `${BASE_PATH}/login?next=${encodeURIComponent(window.location.pathname.slice(BASE_PATH.length) + window.location.search)}`;
  }
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onAuthError }),
        mutationCache: new MutationCache({ onError: onAuthError }),
        defaultOptions: {
          queries: {
            staleTime: 1_000,
            retry: (count, err) => count < 2 && (errorView(err).status ?? 500) >= 500,
            refetchOnWindowFocus: true,
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          // Every live stream of the tab shares one WebSocket (browsers allow ~6 HTTP/1.1 connections per origin);
          // on reconnect each subscription resumes from the last id it received.
          true: wsLink({ client: createWSClient({ url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BASE_PATH}/api/trpc` }) }),
          false: httpBatchLink({ url: `${BASE_PATH}/api/trpc`, maxURLLength: 4000 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
