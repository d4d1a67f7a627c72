// The browser's tRPC client: typed hooks over TanStack Query; queries go batched over HTTP, subscriptions over the tab's one WebSocket.
'use client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@/server/routers/_app';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export interface ErrorView {
  message: string;
  code?: string;
  status?: number;
}

/** The sentence and stable code of any error the UI receives. */
export function errorView(err: unknown): ErrorView {
  if (err instanceof TRPCClientError) {
    const data = err.data as { berthCode?: string; code?: string; httpStatus?: number } | undefined;
    return { message: err.message, code: data?.berthCode ?? data?.code, status: data?.httpStatus };
  }
  if (err instanceof Error) return { message: err.message };
  return { message: String(err) };
}
