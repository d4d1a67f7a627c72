// Builds a dockerode client from an endpoint spec (unix socket, tcp with or without TLS, ssh).
import Docker from 'dockerode';
import { BerthError } from '../errors';
import type { EndpointSpec } from './contexts';
import { guardClient } from './guard';
import { BERTH_CLIENT_HEADER } from '../vm/engine-proxy';

export interface ClientOptions {
  /** How long a call that is not a stream may take (ENGINE_DEADLINE_MS by default). */
  deadlineMs?: number;
}

/** A client for one engine, under Berth's rules for engine requests (no redirects, deadlines). */
export function createClient(spec: EndpointSpec, opts: ClientOptions = {}): Docker {
  return guardClient(connect(spec), describeHost(spec.host), opts.deadlineMs);
}

function connect(spec: EndpointSpec): Docker {
  const url = parseHost(spec.host);
  // docker-modem fills its defaults from DOCKER_HOST and DOCKER_CERT_PATH; every field is set here so an engine
  // always talks to its own endpoint, whatever the environment says.
  if (url.protocol === 'unix:') {
    // Berth's VM tells Berth's calls from the CLI's by this header (server/vm/engine-proxy.ts): its own reads do not
    // keep the VM from Resource Saver.
    const headers = spec.kind === 'vm' ? { [BERTH_CLIENT_HEADER]: 'berth' } : undefined;
    return new Docker({ socketPath: url.pathname, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined, headers } as Docker.DockerOptions);
  }
  if (url.protocol === 'ssh:') {
    return new Docker({
      protocol: 'ssh',
      host: url.hostname,
      port: url.port ? Number(url.port) : 22,
      username: url.username || undefined,
      sshOptions: { agent: process.env.SSH_AUTH_SOCK },
    } as Docker.DockerOptions);
  }
  const tls = spec.tls;
  const useTls = Boolean(tls && (tls.ca || tls.cert || tls.skipVerify)) || url.protocol === 'https:';
  return new Docker({
    protocol: useTls ? 'https' : 'http',
    host: url.hostname,
    port: url.port ? Number(url.port) : useTls ? 2376 : 2375,
    ca: tls?.ca,
    cert: tls?.cert,
    key: tls?.key,
    ...(tls?.skipVerify ? { rejectUnauthorized: false } : {}),
  } as Docker.DockerOptions);
}

export function parseHost(host: string): URL {
  try {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    if (!['unix:', 'http:', 'https:', 'ssh:'].includes(url.protocol)) throw new Error(url.protocol);
    return url;
  } catch {
    throw new BerthError('BAD_REQUEST', `"${host}" is not a Docker host Berth understands (unix://, tcp://, ssh://).`);
  }
}

/** A short human form of where an engine lives, used in sentences ("the socket /var/run/docker.sock"). */
export function describeHost(host: string): string {
  try {
    const url = parseHost(host);
    if (url.protocol === 'unix:') return `the socket ${url.pathname}`;
    return host;
  } catch {
    return host;
  }
}
