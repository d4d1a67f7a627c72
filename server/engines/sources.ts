// The engines a machine already has: its local socket, DOCKER_HOST, and the docker CLI's contexts.
import { existsSync } from 'node:fs';
import { dockerConfigDir, readDockerCliConfig } from './contexts';
import type { EngineProvider } from './provider';

/** The local socket as the engine "default". */
export function socketSource(socketPath: string): EngineProvider {
  return {
    id: 'socket',
    offer: () =>
      existsSync(socketPath)
        ? { engines: [{ name: 'default', kind: 'socket', host: `unix://${socketPath}`, description: 'Local Docker socket' }], preferred: 'default' }
        : { engines: [] },
  };
}

/** DOCKER_HOST as the engine "docker-host", unless it names the local socket again. */
export function dockerHostSource(env: NodeJS.ProcessEnv, socketPath: string): EngineProvider {
  return {
    id: 'env',
    offer: () => {
      const host = env.DOCKER_HOST;
      if (!host || host === `unix://${socketPath}`) return { engines: [] };
      return { engines: [{ name: 'docker-host', kind: 'env', host, description: 'DOCKER_HOST' }], preferred: 'docker-host' };
    },
  };
}

/** Every docker context, preferring DOCKER_CONTEXT or else the CLI's current context. */
export function contextsSource(env: NodeJS.ProcessEnv, homeDir: string): EngineProvider {
  return {
    id: 'contexts',
    offer: () => {
      const cli = readDockerCliConfig(dockerConfigDir(env, homeDir));
      return { engines: cli.contexts, preferred: env.DOCKER_CONTEXT || cli.currentContext };
    },
  };
}
