// BerthError: the one error type Berth throws (engines, accounts, share links, the VM, the guard), carrying a
// stable code and a sentence for users; server/error-wire.ts maps it to the wire.
import type { ZodError } from 'zod';

export type BerthErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IN_USE'
  | 'BAD_REQUEST'
  | 'UNREACHABLE'
  | 'PERMISSION_DENIED'
  | 'TLS_FAILURE'
  | 'TIMEOUT'
  | 'NOT_MODIFIED'
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'ENGINE_ERROR'
  /** The image to run is not on the engine: the client may pull it and try again. */
  | 'IMAGE_MISSING';

export class BerthError extends Error {
  readonly code: BerthErrorCode;
  /** Messages per form field ("ports.0.hostPort"), when the refusal is about what one field holds. */
  readonly fields?: Record<string, string[]>;
  constructor(code: BerthErrorCode, message: string, options?: { cause?: unknown; fields?: Record<string, string[]> }) {
    super(message, options);
    this.name = 'BerthError';
    this.code = code;
    if (options?.fields) this.fields = options.fields;
  }
}

interface DockerModemError {
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
  code?: string;
}

/** The message the engine itself gave, without docker-modem's "(HTTP code 409) conflict - " prefix. */
export function engineMessage(err: unknown): string {
  const e = err as DockerModemError;
  const raw = e?.json?.message ?? e?.message ?? String(err);
  return raw.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '').trim().replace(/\.+$/, '');
}

/** Why a connection to an engine failed, as a sentence. */
export function connectionFailure(err: unknown, where: string): BerthError {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  switch (e?.code) {
    case 'ENOENT':
      return new BerthError('UNREACHABLE', `The Docker socket ${where} does not exist: is Docker running?`, { cause: err });
    case 'EACCES':
    case 'EPERM':
      return new BerthError('PERMISSION_DENIED', `Permission denied on ${where}: your user cannot use this Docker socket.`, { cause: err });
    case 'ECONNREFUSED':
      return new BerthError('UNREACHABLE', `Nothing is listening at ${where}: the Docker engine is not running.`, { cause: err });
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return new BerthError('TIMEOUT', `The engine at ${where} did not answer in time.`, { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new BerthError('UNREACHABLE', `The host of ${where} could not be found.`, { cause: err });
    case 'ECONNRESET':
    case 'EPIPE':
      return new BerthError('UNREACHABLE', `The connection to ${where} was closed by the other side.`, { cause: err });
  }
  const msg = String(e?.message ?? err);
  if (/certificate|SSL|TLS|self.signed|EPROTO/i.test(msg) || String(e?.code ?? '').startsWith('ERR_TLS') || String(e?.code ?? '').includes('CERT')) {
    return new BerthError('TLS_FAILURE', `The TLS handshake with ${where} failed: ${msg}.`, { cause: err });
  }
  if (/timeout/i.test(msg)) return new BerthError('TIMEOUT', `The engine at ${where} did not answer in time.`, { cause: err });
  return new BerthError('UNREACHABLE', `Could not reach the engine at ${where}: ${msg}.`, { cause: err });
}

/**
 * Turns an error from dockerode into an BerthError whose sentence names the object acted on.
 * `subject` reads like "container web" or "image busybox:latest".
 */
export function toEngineError(err: unknown, subject: string, action: string, where = 'the engine'): BerthError {
  if (err instanceof BerthError) return err;
  const e = err as DockerModemError;
  const status = e?.statusCode;
  const detail = engineMessage(err);
  if (status === undefined) return connectionFailure(err, where);
  switch (status) {
    case 304:
      return new BerthError('NOT_MODIFIED', `${capital(subject)} is already ${alreadyState(action)}.`, { cause: err });
    case 400:
      return new BerthError('BAD_REQUEST', `Could not ${action} ${subject}: ${detail}.`, { cause: err });
    case 404:
      return new BerthError('NOT_FOUND', `${capital(subject)} was not found on this engine.`, { cause: err });
    case 409:
      if (/in use|is being used|has active endpoints|being used by/i.test(detail)) {
        return new BerthError('IN_USE', `Could not ${action} ${subject}: it is in use (${detail}).`, { cause: err });
      }
      return new BerthError('CONFLICT', `Could not ${action} ${subject}: ${detail}.`, { cause: err });
    case 403:
      return new BerthError('CONFLICT', `Could not ${action} ${subject}: ${detail}.`, { cause: err });
    default:
      return new BerthError('ENGINE_ERROR', `The engine failed to ${action} ${subject}: ${detail}.`, { cause: err });
  }
}

function alreadyState(action: string): string {
  switch (action) {
    case 'start':
      return 'running';
    case 'stop':
      return 'stopped';
    default:
      return `done (${action})`;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "name: must be …" sentences, one per failing field. */
export function describeZodError(err: ZodError): string {
  return err.issues
    .map((i) => {
      const field = i.path.join('.');
      return field ? `${field}: ${i.message}` : i.message;
    })
    .join('; ');
}
