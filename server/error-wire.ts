// How Berth's errors reach the wire, in one place: a BerthError's tRPC code and HTTP status, and the one error
// shape every client reads (tRPC calls, SSE streams and Berth's own plain-HTTP routes alike).
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { ZodError, z } from 'zod';
import { BerthError, type BerthErrorCode, describeZodError } from './errors';

const TRPC_CODE: Record<BerthErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  IN_USE: 'CONFLICT',
  BAD_REQUEST: 'BAD_REQUEST',
  INVALID_INPUT: 'BAD_REQUEST',
  NOT_MODIFIED: 'CONFLICT',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNREACHABLE: 'BAD_GATEWAY',
  PERMISSION_DENIED: 'BAD_GATEWAY',
  TLS_FAILURE: 'BAD_GATEWAY',
  TIMEOUT: 'GATEWAY_TIMEOUT',
  ENGINE_ERROR: 'INTERNAL_SERVER_ERROR',
  IMAGE_MISSING: 'NOT_FOUND',
};

/** The TRPCError a BerthError travels as (its code, its sentence, itself as the cause). */
export function toTRPCError(error: BerthError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
}

export interface ErrorData {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  path?: string;
  /** Berth's stable code for tests and the UI: NOT_FOUND, IN_USE, INVALID_INPUT, UNAUTHORIZED, … */
  berthCode?: string;
  fieldErrors?: Record<string, string[] | undefined>;
}

export interface ErrorShape {
  message: string;
  code: number;
  data: ErrorData;
}

/** tRPC's errorFormatter: the sentence and codes of any error, whatever the transport. */
export function formatError({ shape, error }: { shape: { message: string; code: number; data: { code: TRPC_ERROR_CODE_KEY; httpStatus: number; path?: string } }; error: TRPCError }): ErrorShape {
  const cause = error.cause;
  const zod = cause instanceof ZodError ? cause : undefined;
  const berth = cause instanceof BerthError ? cause : undefined;
  // Errors thrown while a subscription streams pass no middleware; they get their proper code here.
  const code = berth ? TRPC_CODE[berth.code] : shape.data.code;
  return {
    message: zod ? describeZodError(zod) : berth ? berth.message : shape.message,
    code: TRPC_ERROR_CODES_BY_KEY[code],
    data: {
      code,
      httpStatus: berth ? getHTTPStatusCodeFromError(toTRPCError(berth)) : shape.data.httpStatus,
      path: shape.data.path,
      berthCode: berth ? berth.code : zod ? 'INVALID_INPUT' : undefined,
      fieldErrors: zod ? z.flattenError(zod).fieldErrors : berth?.fields,
    },
  };
}

/** The same shape for Berth's own routes (sign-in, the guard's refusals), with the HTTP status it maps to. */
export function plainError(error: BerthError): { status: number; body: { error: ErrorShape } } {
  const code = TRPC_CODE[error.code];
  const status = getHTTPStatusCodeFromError(toTRPCError(error));
  return { status, body: { error: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: status, berthCode: error.code } } } };
}
