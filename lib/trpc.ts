// The browser's tRPC client: typed hooks over TanStack Query; queries go batched over HTTP, subscriptions over the tab's one WebSocket.
'use client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@/server/routers/_app';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
