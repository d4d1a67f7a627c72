// The X-Registry-Auth header for pulls and pushes: the credentials Berth holds for the registry an image lives in.
//
// In a tRPC procedure:
//   const header = await registryAuthHeader(ctx, input.ref);           // ctx: anything with ctx.registry
//   api.pull(ref, header ? { authconfig: { base64: header } } : {})   // dockerode sends authconfig.base64 as X-Registry-Auth
//   (or pass `{ authconfig: await registryAuthConfig(ctx, ref) }` and let dockerode encode it)
// It reads the docker CLI's config of the user Berth runs as (ctx.registry.dockerConfigDir: $DOCKER_CONFIG or
// ~/.docker) and its credential helpers, so a `docker login` on the command line counts for Berth and the other way
// round. A config directory can be passed as a string instead of ctx.
import type { EngineRegistry } from '../engines/registry';
import { parseImageReference } from '../docker/reference';
import { DOCKER_HUB, normalizeServer } from './config';
import { getCredential } from './store';

/** Where the docker config is: a context (its engine registry knows the directory) or the directory itself. */
export type DockerConfigSource = { registry: Pick<EngineRegistry, 'dockerConfigDir'> } | string;

/** The body of X-Registry-Auth, as the engine reads it. */
export type RegistryAuthConfig = { username: string; password: string; serveraddress: string } | { identitytoken: string; serveraddress: string };

export function configDirOf(source: DockerConfigSource): string {
  return typeof source === 'string' ? source : source.registry.dockerConfigDir;
}

/** The registry an image reference names, normalised as config.json keys it: no domain means Docker Hub. */
export function registryOf(ref: string): string {
  const domain = parseImageReference(ref)?.domain;
  // The grammar reads "team/app" as domain "team"; Docker counts a first component as a registry only with a dot,
  // a port, or when it is localhost.
  return domain && (/[.:]/.test(domain) || domain === 'localhost') ? normalizeServer(domain) : DOCKER_HUB;
}

/** The credentials for the image's registry as the engine's auth config, or undefined when Berth is not signed in there. */
export async function registryAuthConfig(source: DockerConfigSource, ref: string): Promise<RegistryAuthConfig | undefined> {
  const server = registryOf(ref);
  const credential = await getCredential(configDirOf(source), server);
  if (!credential) return undefined;
  if (credential.identityToken) return { identitytoken: credential.identityToken, serveraddress: server };
  return { username: credential.username, password: credential.password ?? '', serveraddress: server };
}

/**
 * The auth config's JSON in URL-safe base64 for the X-Registry-Auth header; undefined for an anonymous pull or push.
 * Padded, as the CLI sends it: the engine decodes with Go's padded URL alphabet and quietly treats an unpadded
 * header as no credentials at all.
 */
export async function registryAuthHeader(source: DockerConfigSource, ref: string): Promise<string | undefined> {
  const config = await registryAuthConfig(source, ref);
  return config ? Buffer.from(JSON.stringify(config), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_') : undefined;
}
