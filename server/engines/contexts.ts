// Reads the docker CLI's configuration (config.json, contexts) into engine endpoints Berth can connect to.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  skipVerify: boolean;
}

export interface EndpointSpec {
  /** Stable name used in URLs. */
  name: string;
  kind: 'socket' | 'env' | 'context' | 'vm';
  /** unix:///path, tcp://host:port, ssh://user@host[:port] */
  host: string;
  description: string;
  tls?: TlsMaterial;
}

export interface DockerCliConfig {
  currentContext?: string;
  contexts: EndpointSpec[];
}

interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

export const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]{0,62}$/;

/** Names Berth gives to engines that are not docker contexts; contexts of the same name are shadowed. */
export const RESERVED_NAMES = new Set(['default', 'docker-host', 'vm']);

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The directory holding config.json and contexts/: $DOCKER_CONFIG or ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  return env.DOCKER_CONFIG && env.DOCKER_CONFIG.length > 0 ? env.DOCKER_CONFIG : join(homeDir, '.docker');
}

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function readTls(configDir: string, name: string, skipVerify: boolean): TlsMaterial | undefined {
  const dir = join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
  if (!existsSync(dir)) return skipVerify ? { skipVerify } : undefined;
  return {
    ca: readText(join(dir, 'ca.pem')),
    cert: readText(join(dir, 'cert.pem')),
    key: readText(join(dir, 'key.pem')),
    skipVerify,
  };
}

/** Reads config.json's currentContext and every context under contexts/meta. Malformed entries are skipped. */
export function readDockerCliConfig(configDir: string): DockerCliConfig {
  let currentContext: string | undefined;
  const configText = readText(join(configDir, 'config.json'));
  if (configText) {
    try {
      const parsed = JSON.parse(configText) as { currentContext?: unknown };
      if (typeof parsed.currentContext === 'string' && parsed.currentContext.length > 0) currentContext = parsed.currentContext;
    } catch {
      // A broken config.json is the CLI's problem to report; Berth still lists the other engines.
    }
  }
  const contexts: EndpointSpec[] = [];
  const metaRoot = join(configDir, 'contexts', 'meta');
  let dirs: string[] = [];
  try {
    dirs = readdirSync(metaRoot);
  } catch {
    dirs = [];
  }
  for (const dir of dirs.sort()) {
    const text = readText(join(metaRoot, dir, 'meta.json'));
    if (!text) continue;
    let meta: ContextMeta;
    try {
      meta = JSON.parse(text) as ContextMeta;
    } catch {
      continue;
    }
    const name = meta.Name;
    const host = meta.Endpoints?.docker?.Host;
    if (!name || !host || !ENGINE_NAME.test(name) || RESERVED_NAMES.has(name)) continue;
    contexts.push({
      name,
      kind: 'context',
      host,
      description: meta.Metadata?.Description || `docker context ${name}`,
      tls: readTls(configDir, name, meta.Endpoints?.docker?.SkipTLSVerify === true),
    });
  }
  return { currentContext, contexts };
}
