// msw answers in tRPC's HTTP wire format, as Berth's server sends it (a batch array; errors shaped by errorFormatter).
import type { inferRouterOutputs } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { http, HttpResponse } from 'msw';
import type { AppRouter } from '@/server/routers/_app';
import type { BerthErrorCode } from '@/server/errors';

export const TRPC_URL = 'http://localhost/api/trpc';

export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** A failed procedure, as server/trpc.ts formats an BerthError. */
export class TrpcFailure {
  constructor(
    readonly message: string,
    readonly code: keyof typeof TRPC_ERROR_CODES_BY_KEY,
    readonly httpStatus: number,
    readonly berthCode?: BerthErrorCode | 'INVALID_INPUT',
  ) {}
}

/** The engine behind `where` is down: the sentence and codes the server sends for ECONNREFUSED. */
export function unreachable(where: string): TrpcFailure {
  return new TrpcFailure(`Nothing is listening at ${where}: the Docker engine is not running.`, 'BAD_GATEWAY', 502, 'UNREACHABLE');
}

type Resolver<T> = (input: unknown, request: Request) => T | TrpcFailure | Promise<T | TrpcFailure>;

/**
 * A GET handler for one query procedure. The test client sends one procedure per request (see render.tsx),
 * so each domain's handlers answer their own procedures and a test can override any one of them.
 */
export function trpcQuery<T>(path: string, resolve: Resolver<T>) {
  return http.get(`${TRPC_URL}/${path}`, async ({ request }) => {
    const url = new URL(request.url);
    const batch = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<string, unknown>;
    const out = await resolve(batch['0'], request);
    if (out instanceof TrpcFailure) {
      const error = {
        message: out.message,
        code: TRPC_ERROR_CODES_BY_KEY[out.code],
        data: { code: out.code, httpStatus: out.httpStatus, path, berthCode: out.berthCode },
      };
      return HttpResponse.json([{ error }], { status: out.httpStatus });
    }
    return HttpResponse.json([{ result: { data: out } }]);
  });
}
