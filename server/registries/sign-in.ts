// Signing in to a registry as `docker login` does: the engine checks the account against the registry (POST /auth),
// and only an accepted account is stored. Every failure is a sentence of Berth's own: an engine's message may echo
// what it was sent, and nothing of the password may reach a user, a log or the audit log.
import type Docker from 'dockerode';
import { BerthError, connectionFailure } from '../errors';
import { normalizeServer, serverLabel } from './config';
import { eraseCredential, listCredentials, storeCredential, type SignInRow } from './store';

export interface SignInInput {
  server: string;
  username: string;
  password: string;
}

interface AuthResponse {
  Status?: string;
  IdentityToken?: string;
}

interface EngineFailure {
  statusCode?: number;
  json?: { message?: string } | null;
}

/** Why the engine refused: read from its message, told in Berth's words. */
export function signInFailure(err: unknown, server: string, engine: string): BerthError {
  const e = err as EngineFailure;
  // No HTTP status: the engine itself could not be reached, which says nothing about the registry or the password.
  if (e?.statusCode === undefined) return connectionFailure(err, `engine ${engine}`);
  const label = serverLabel(server);
  const message = typeof e.json?.message === 'string' ? e.json.message : '';
  if (e.statusCode === 401 || /\b401\b|unauthori[sz]ed|incorrect username or password|authentication required|access denied|denied:/i.test(message)) {
    return new BerthError('BAD_REQUEST', `Could not sign in to ${label}: incorrect username or password.`);
  }
  if (/connection refused/i.test(message)) return new BerthError('UNREACHABLE', `Could not reach the registry ${label}: nothing is listening there.`);
  if (/no such host|server misbehaving|name resolution/i.test(message)) return new BerthError('UNREACHABLE', `Could not reach the registry ${label}: its host name could not be found.`);
  if (/timeout|timed out|deadline exceeded/i.test(message)) return new BerthError('TIMEOUT', `The registry ${label} did not answer in time.`);
  if (/HTTP response to HTTPS client/i.test(message)) {
    return new BerthError('TLS_FAILURE', `The registry ${label} speaks plain HTTP: add it to the engine's insecure registries to sign in.`);
  }
  if (/x509|certificate|tls:/i.test(message)) return new BerthError('TLS_FAILURE', `The engine does not trust the TLS certificate of the registry ${label}.`);
  if (/network is unreachable|no route to host|connection reset|EOF/i.test(message)) return new BerthError('UNREACHABLE', `Could not reach the registry ${label} from engine ${engine}.`);
  return new BerthError('ENGINE_ERROR', `Could not sign in to ${label}: the registry did not accept the sign-in through engine ${engine}.`);
}

/** Checks the account through the engine, then stores it; a refused account stores nothing. */
export async function signIn(api: Docker, dir: string, engine: string, input: SignInInput): Promise<SignInRow> {
  const server = normalizeServer(input.server);
  let response: AuthResponse;
  try {
    response = (await api.checkAuth({ username: input.username, password: input.password, serveraddress: server })) as AuthResponse;
  } catch (err) {
    throw signInFailure(err, server, engine);
  }
  // A registry that issues an identity token wants it used instead of the password from now on, as the CLI does.
  const identityToken = response?.IdentityToken || undefined;
  await storeCredential(dir, identityToken ? { server, username: input.username, identityToken } : { server, username: input.username, password: input.password });
  const rows = await listCredentials(dir);
  return rows.find((r) => r.server === server) ?? { server, username: input.username, storedIn: 'config file' };
}

/** Forgets the server's credentials; signing out where Berth holds none says so. */
export async function signOut(dir: string, serverInput: string): Promise<{ server: string; removed: boolean }> {
  const server = normalizeServer(serverInput);
  const removed = await eraseCredential(dir, server);
  if (!removed) throw new BerthError('NOT_FOUND', `Berth is not signed in to ${serverLabel(server)}.`);
  return { server, removed };
}
