// How the browser reads Berth's errors: the sentence and stable code of any error, and the messages per field.
import { TRPCClientError } from '@trpc/client';

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

export type FieldErrors = Record<string, string[] | undefined>;

/** The per-field messages the server's errorFormatter adds to a validation error. */
export function fieldErrorsOf(err: unknown): FieldErrors {
  const data = (err as { data?: { fieldErrors?: FieldErrors } } | null)?.data;
  return data?.fieldErrors ?? {};
}
