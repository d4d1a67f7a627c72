// Why a pull or push failed, read from the engine's words: a reason the UI can act on, and a sentence for people.
import type { TransferFailure, TransferKind } from '@/lib/transfer';

export interface ClassifiedFailure {
  message: string;
  reason: TransferFailure;
  registry?: string;
}

// Checked in order: "pull access denied … repository does not exist" is Docker Hub's answer to both a missing
// repository and a private one, so it reads as denied (signing in is the one thing the user can try).
const RULES: { reason: TransferFailure; test: RegExp }[] = [
  { reason: 'disk-full', test: /no space left on device|disk quota exceeded/i },
  { reason: 'platform', test: /no matching manifest for|does not match the specified platform|image with reference .* was found but does not match/i },
  {
    reason: 'denied',
    test: /unauthorized|authentication required|no basic auth credentials|access denied|access to the resource is denied|denied:|insufficient_scope|incorrect username or password|\b401\b|\b403\b/i,
  },
  { reason: 'not-found', test: /manifest unknown|not found|does not exist locally|no such image|name unknown|repository does not exist/i },
  {
    reason: 'unreachable',
    test: /connection refused|no such host|i\/o timeout|timeout|timed out|connection reset|network is unreachable|no route to host|server misbehaving|tls handshake|http response to https client|EOF|dial tcp|x509|certificate/i,
  },
];

export function failureReason(detail: string): TransferFailure {
  return RULES.find((r) => r.test.test(detail))?.reason ?? 'other';
}

/** The engine's message without trailing dots, bounded, so it can end a sentence of Berth's. */
function clean(detail: string): string {
  const text = detail.trim().replace(/\.+$/, '');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** The sentence and reason for a failed transfer of `ref` between the engine and `registry`. */
export function classifyFailure(kind: TransferKind, ref: string, registry: string, detail: string): ClassifiedFailure {
  const reason = failureReason(detail);
  const what = kind === 'pull' ? `pull ${ref}` : `push ${ref}`;
  const why = clean(detail);
  switch (reason) {
    case 'denied':
      return {
        reason,
        registry,
        message: `Access to ${ref} was denied by ${registry}: sign in to ${registry}, or check that your account may ${kind} this repository (${why}).`,
      };
    case 'not-found':
      return kind === 'pull'
        ? { reason, registry, message: `${ref} was not found on ${registry}: check the repository name and tag (${why}).` }
        : { reason, registry, message: `Could not push ${ref}: there is no image with this tag on the engine (${why}).` };
    case 'unreachable':
      return { reason, registry, message: `The engine could not reach the registry ${registry} to ${what} (${why}).` };
    case 'disk-full':
      return { reason, message: `The engine ran out of disk space during the ${kind} of ${ref}: free space (remove unused images or build cache) and try again.` };
    case 'platform':
      return { reason, registry, message: `${ref} has no variant for this engine's platform (${why}).` };
    default:
      return { reason, registry, message: `Could not ${what}: ${why}.` };
  }
}
