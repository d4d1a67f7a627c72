// Pull and push on one engine: the engine's request with the registry credentials, read into a TransferProgress.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { parseImageReference } from '@/server/docker/reference';
import { BerthError, connectionFailure, engineMessage } from '@/server/errors';
import type { TransferKind } from '@/lib/transfer';
import { type ClassifiedFailure, classifyFailure } from './failure';
import { type TransferProgress, progressLines } from './progress';

export interface TransferTarget {
  /** What the user asked for, normalised: "name:tag" or "name@digest". */
  ref: string;
  /** The repository without tag or digest, as the engine's URL wants it. */
  name: string;
  /** The tag or digest. */
  tag: string;
  /** The registry host the engine talks to ("docker.io" when the name has none). */
  registry: string;
}

interface Modem {
  dial(opts: Record<string, unknown>, cb: (err: unknown, data: unknown) => void): void;
}

const FULL_ID = /^(sha256:)?[a-f0-9]{64}$/;

/** Reads `ref` for a pull or a push, or says in a sentence why it cannot be one. */
export function transferTarget(kind: TransferKind, ref: string): TransferTarget {
  const parsed = parseImageReference(ref);
  if (!parsed || !parsed.path) {
    throw new BerthError('INVALID_INPUT', `"${ref.slice(0, 100)}" is not an image reference such as "busybox:latest" or "registry.local:5000/team/app:1.0".`);
  }
  const name = parsed.domain ? `${parsed.domain}/${parsed.path}` : parsed.path;
  const registry = parsed.domain ?? 'docker.io';
  if (kind === 'push') {
    if (FULL_ID.test(ref) || parsed.digest || !parsed.tag) {
      throw new BerthError('INVALID_INPUT', `Push needs a tagged reference such as "registry.local:5000/team/app:1.0", not "${ref.slice(0, 100)}": tag the image first.`);
    }
    return { ref: `${name}:${parsed.tag}`, name, tag: parsed.tag, registry };
  }
  // A digest pins the content, so it wins over a tag given with it, as the engine does.
  if (parsed.digest) return { ref: `${name}@${parsed.digest}`, name, tag: parsed.digest, registry };
  const tag = parsed.tag ?? 'latest';
  return { ref: `${name}:${tag}`, name, tag, registry };
}

/** Opens the engine's pull or push; its body is the progress stream. */
function openTransfer(api: Docker, kind: TransferKind, target: TransferTarget, auth: string | undefined, signal: AbortSignal): Promise<IncomingMessage> {
  const request =
    kind === 'pull'
      ? { path: '/images/create?', options: { fromImage: target.name, tag: target.tag } }
      : { path: `/images/${encodeURIComponent(target.name)}/push?`, options: { tag: target.tag } };
  return new Promise((resolve, reject) => {
    (api.modem as unknown as Modem).dial(
      {
        ...request,
        method: 'POST',
        isStream: true,
        abortSignal: signal,
        ...(auth ? { authconfig: { key: auth } } : {}),
        statusCodes: { 200: true, 400: 'bad parameter', 401: 'unauthorized', 403: 'forbidden', 404: 'not found', 500: 'server error' },
      },
      (err, stream) => (err ? reject(err) : resolve(stream as IncomingMessage)),
    );
  });
}

export type TransferOutcome = { state: 'done' } | { state: 'cancelled' } | { state: 'failed'; error: ClassifiedFailure };

/**
 * Runs the transfer until the engine ends it or `signal` aborts (cancel). Progress goes into `progress`, whose
 * version changes with each line; the outcome never throws.
 */
export async function runTransfer(
  api: Docker,
  kind: TransferKind,
  target: TransferTarget,
  opts: { auth?: string; signal: AbortSignal; progress: TransferProgress },
): Promise<TransferOutcome> {
  const failed = (detail: string): TransferOutcome => ({ state: 'failed', error: classifyFailure(kind, target.ref, target.registry, detail) });
  let stream: IncomingMessage;
  try {
    stream = await openTransfer(api, kind, target, opts.auth, opts.signal);
  } catch (err) {
    if (opts.signal.aborted) return { state: 'cancelled' };
    if (err instanceof BerthError) return { state: 'failed', error: { reason: 'other', message: err.message } };
    // No status: the engine itself was not reached, which is not the registry's fault.
    if ((err as { statusCode?: number }).statusCode === undefined) return { state: 'failed', error: { reason: 'other', message: connectionFailure(err, 'the engine').message } };
    return failed(engineMessage(err));
  }
  // Aborting the request alone leaves a response already flowing; destroying it closes the engine connection,
  // which is what makes the engine stop the transfer.
  const onAbort = () => stream.destroy();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const lines of progressLines(stream)) {
      for (const line of lines) opts.progress.apply(line);
      if (opts.progress.error) break;
    }
  } catch (err) {
    if (!opts.signal.aborted) return { state: 'failed', error: { reason: 'other', message: `The engine stopped answering during the ${kind} of ${target.ref}: ${engineMessage(err)}.` } };
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
    stream.destroy();
  }
  if (opts.signal.aborted) return { state: 'cancelled' };
  if (opts.progress.error) return failed(opts.progress.error);
  return { state: 'done' };
}
