// The engine overview: the essentials of `docker info` and `docker version`.
import type Docker from 'dockerode';
import { getJson } from '../engines/wire';
import { toEngineError } from '../errors';

export interface EngineInfo {
  name: string;
  serverVersion: string;
  apiVersion: string;
  minApiVersion: string;
  os: string;
  osType: string;
  arch: string;
  kernel: string;
  cpus: number;
  memory: number;
  containers: { total: number; running: number; paused: number; stopped: number };
  /** Images as the images list and `docker images` count them: tagged or dangling, not the layers built under them. */
  images: number;
  /** The intermediate images the engine also holds (its own count minus the list's). */
  intermediateImages: number;
  storageDriver: string;
  loggingDriver: string;
  cgroupDriver: string;
  cgroupVersion: string;
  dockerRootDir: string;
  runtimes: string[];
  defaultRuntime: string;
  swarm: string;
  goVersion: string;
  gitCommit: string;
  buildTime: string;
  experimental: boolean;
  components: { name: string; version: string }[];
  warnings: string[];
  security: string[];
  registries: string[];
  proxies: { http: string; https: string; no: string };
}

export async function engineInfo(api: Docker): Promise<EngineInfo> {
  try {
    const [info, version, top] = (await Promise.all([api.info(), api.version(), getJson<unknown[]>(api, '/images/json')])) as [Record<string, any>, Record<string, any>, unknown[]];
    return {
      name: String(info.Name ?? ''),
      serverVersion: String(info.ServerVersion ?? version.Version ?? ''),
      apiVersion: String(version.ApiVersion ?? ''),
      minApiVersion: String(version.MinAPIVersion ?? ''),
      os: String(info.OperatingSystem ?? ''),
      osType: String(info.OSType ?? ''),
      arch: String(info.Architecture ?? ''),
      kernel: String(info.KernelVersion ?? ''),
      cpus: Number(info.NCPU ?? 0),
      memory: Number(info.MemTotal ?? 0),
      containers: {
        total: Number(info.Containers ?? 0),
        running: Number(info.ContainersRunning ?? 0),
        paused: Number(info.ContainersPaused ?? 0),
        stopped: Number(info.ContainersStopped ?? 0),
      },
      images: top.length,
      intermediateImages: Math.max(0, Number(info.Images ?? 0) - top.length),
      storageDriver: String(info.Driver ?? ''),
      loggingDriver: String(info.LoggingDriver ?? ''),
      cgroupDriver: String(info.CgroupDriver ?? ''),
      cgroupVersion: String(info.CgroupVersion ?? ''),
      dockerRootDir: String(info.DockerRootDir ?? ''),
      runtimes: Object.keys(info.Runtimes ?? {}),
      defaultRuntime: String(info.DefaultRuntime ?? ''),
      swarm: String(info.Swarm?.LocalNodeState ?? 'inactive'),
      goVersion: String(version.GoVersion ?? ''),
      gitCommit: String(version.GitCommit ?? ''),
      buildTime: String(version.BuildTime ?? ''),
      experimental: Boolean(version.Experimental ?? info.ExperimentalBuild),
      components: Array.isArray(version.Components) ? version.Components.map((c: { Name: string; Version: string }) => ({ name: String(c.Name), version: String(c.Version) })) : [],
      warnings: Array.isArray(info.Warnings) ? info.Warnings.map(String) : [],
      security: Array.isArray(info.SecurityOptions) ? info.SecurityOptions.map(String) : [],
      registries: Object.keys(info.RegistryConfig?.IndexConfigs ?? {}),
      proxies: { http: String(info.HttpProxy ?? ''), https: String(info.HttpsProxy ?? ''), no: String(info.NoProxy ?? '') },
    };
  } catch (err) {
    throw toEngineError(err, 'the engine', 'describe');
  }
}
