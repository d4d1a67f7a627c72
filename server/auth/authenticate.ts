// Who a request is, for the guard of HTTP, SSE and WebSocket upgrades alike: wrong bearer tokens back off like sign-ins.
import type { IncomingMessage } from 'node:http';
import type { Access } from './access';
import { tooManyFailures } from './limiter';
import type { User } from '../store/principal';

export interface Refusal {
  retryAfterSeconds: number;
  message: string;
}

export type Authentication = { user: User | null; refusal?: undefined } | { user: null; refusal: Refusal };

/** The limiter's key for bearer tokens: apart from sign-ins, so a script with a stale token cannot lock out the sign-in form. */
export function bearerKey(req: IncomingMessage): string {
  return `bearer ${req.socket.remoteAddress ?? 'unknown'}`;
}

export function authenticate(access: Pick<Access, 'limiter' | 'userFor'>, req: IncomingMessage): Authentication {
  if (!req.headers.authorization?.startsWith('Bearer ')) return { user: access.userFor(req) };
  const attempt = access.limiter.begin([bearerKey(req)]);
  if (!attempt.allowed) return { user: null, refusal: { retryAfterSeconds: attempt.retryAfterSeconds, message: tooManyFailures(attempt.retryAfterSeconds) } };
  let user: User | null = null;
  try {
    user = access.userFor(req);
  } finally {
    attempt.end(user !== null);
  }
  return { user };
}
