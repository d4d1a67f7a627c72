// Registry credentials where the docker CLI keeps them: a credential helper when config.json names one, else config.json.
import { BerthError } from '../errors';
import { decodeAuth, encodeAuth, helperFor, normalizeServer, readDockerConfig, writeDockerConfig, type DockerConfigFile } from './config';
import { helperErase, helperGet, helperList, helperStore } from './helper';

/** A credential as Berth uses it server-side only; it never leaves the server process. */
export interface StoredCredential {
  server: string;
  username: string;
  /** Exactly one of the two: a password (or access token), or an identity token the registry issued. */
  password?: string;
  identityToken?: string;
}

/** A sign-in as the UI sees it: no secret, just who and where. */
export interface SignInRow {
  server: string;
  username: string;
  /** The helper's name ("pass", "desktop", …) or "config file". */
  storedIn: string;
}

/** A helper files an identity token under this user name, as the CLI does. */
const TOKEN_USER = '<token>';

function withAuths(config: DockerConfigFile): Record<string, NonNullable<DockerConfigFile['auths']>[string]> {
  return { ...(config.auths ?? {}) };
}

/** The credentials for one server (already normalised), or null when Berth holds none for it. */
export async function getCredential(dir: string, server: string): Promise<StoredCredential | null> {
  const config = readDockerConfig(dir);
  const helper = helperFor(config, server);
  if (helper) {
    const found = await helperGet(helper, server);
    if (!found || !found.Secret) return null;
    return found.Username === TOKEN_USER ? { server, username: '', identityToken: found.Secret } : { server, username: found.Username, password: found.Secret };
  }
  const auths = config.auths ?? {};
  // The CLI also finds an entry filed under a URL form of the same host ("https://reg.local/v1/").
  const key = server in auths ? server : Object.keys(auths).find((k) => normalizeServer(k) === server);
  const entry = key ? auths[key] : undefined;
  if (!entry) return null;
  const decoded = decodeAuth(entry.auth);
  if (entry.identitytoken) return { server, username: decoded?.username ?? '', identityToken: entry.identitytoken };
  if (!decoded) return null;
  return { server, username: decoded.username, password: decoded.password };
}

/** Stores a credential as `docker login` does; with a helper, config.json keeps an empty entry naming the server. */
export async function storeCredential(dir: string, credential: StoredCredential): Promise<void> {
  const config = readDockerConfig(dir);
  const { server } = credential;
  const helper = helperFor(config, server);
  const auths = withAuths(config);
  if (helper) {
    const secret = credential.identityToken ?? credential.password ?? '';
    await helperStore(helper, { ServerURL: server, Username: credential.identityToken ? TOKEN_USER : credential.username, Secret: secret });
    // The CLI writes `"server": {}` so `docker login` listings and other tools know a helper holds it.
    auths[server] = {};
  } else {
    const entry: Record<string, unknown> = { ...(auths[server] ?? {}) };
    delete entry.identitytoken;
    delete entry.password;
    delete entry.username;
    entry.auth = encodeAuth(credential.username, credential.identityToken ? '' : (credential.password ?? ''));
    if (credential.identityToken) entry.identitytoken = credential.identityToken;
    auths[server] = entry;
  }
  writeDockerConfig(dir, { ...config, auths });
}

/** Removes a server's credentials wherever they are; true when there was something to remove. */
export async function eraseCredential(dir: string, server: string): Promise<boolean> {
  const config = readDockerConfig(dir);
  const helper = helperFor(config, server);
  let found = false;
  if (helper) {
    found = (await helperGet(helper, server)) !== null;
    if (found) await helperErase(helper, server);
  }
  const auths = withAuths(config);
  const keys = Object.keys(auths).filter((k) => normalizeServer(k) === server);
  if (keys.length > 0) {
    // An empty entry left by a helper sign-in counts as signed in to the CLI too: remove it with the secret.
    found ||= keys.some((k) => Object.keys(auths[k] ?? {}).length > 0);
    for (const k of keys) delete auths[k];
    writeDockerConfig(dir, { ...config, auths });
  }
  return found;
}

/** Every server Berth (and the docker CLI) is signed in to, with the user name and where the secret is kept. */
export async function listCredentials(dir: string): Promise<SignInRow[]> {
  const config = readDockerConfig(dir);
  const rows = new Map<string, SignInRow>();
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    const server = normalizeServer(key);
    const decoded = decodeAuth(entry?.auth);
    if (helperFor(config, server) || (!decoded && !entry?.identitytoken)) continue;
    rows.set(server, { server, username: decoded?.username ?? '', storedIn: 'config file' });
  }
  if (config.credsStore) {
    const listed = await helperList(config.credsStore).catch((err: unknown) => {
      throw err instanceof BerthError ? err : new BerthError('ENGINE_ERROR', `The credential helper ${config.credsStore} could not list its credentials.`);
    });
    for (const [url, username] of Object.entries(listed)) {
      const server = normalizeServer(url);
      // A server with its own helper in credHelpers is not the store's, even if the store has an old entry.
      if (config.credHelpers?.[server]) continue;
      rows.set(server, { server, username: username === TOKEN_USER ? '' : username, storedIn: config.credsStore });
    }
  }
  for (const [server, helper] of Object.entries(config.credHelpers ?? {})) {
    const found = await helperGet(helper, server).catch(() => null);
    if (found) rows.set(normalizeServer(server), { server: normalizeServer(server), username: found.Username === TOKEN_USER ? '' : found.Username, storedIn: helper });
  }
  return [...rows.values()].sort((a, b) => a.server.localeCompare(b.server));
}
