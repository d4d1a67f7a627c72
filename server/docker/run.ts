// Running a container from a checked RunSpec, as `docker run -d` does: create, then start; a container that cannot
// start is removed again, and every refusal about one field of the form names that field.
import type Docker from 'dockerode';
import { type PortSpec, type RunSpec, memoryBytes, nanoCpus } from '@/lib/run-spec';
import { BerthError, engineMessage, toEngineError } from '../errors';
import { containerName } from './container-name';

export interface RunResult {
  id: string;
  name: string;
}

const portKey = (p: PortSpec): string => `${p.containerPort}/${p.protocol}`;

/** The Engine API's create body for a spec: what the docker CLI sends for the same flags. */
export function toCreateBody(spec: RunSpec): Docker.ContainerCreateOptions {
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) (bindings[portKey(p)] ??= []).push({ HostIp: p.hostIp, HostPort: p.hostPort });
  const named = spec.volumes.filter((v) => v.type === 'volume');
  const binds = spec.volumes.filter((v) => v.type === 'bind');
  const tmpfs = spec.volumes.filter((v) => v.type === 'tmpfs');
  const memory = spec.memory ? memoryBytes(spec.memory) : null;
  const cpus = spec.cpus ? nanoCpus(spec.cpus) : null;
  return {
    ...(spec.name ? { name: spec.name } : {}),
    Image: spec.image,
    ...(spec.command.length ? { Cmd: spec.command } : {}),
    ...(spec.entrypoint ? { Entrypoint: [spec.entrypoint] } : {}),
    Env: spec.env.map((e) => `${e.key}=${e.value}`),
    Labels: Object.fromEntries(spec.labels.map((l) => [l.key, l.value])),
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    ExposedPorts: Object.fromEntries(spec.ports.map((p) => [portKey(p), {}])),
    HostConfig: {
      PortBindings: bindings,
      // Named and anonymous (no source) volumes as mounts; bind mounts as Binds, which (like `-v`) create a missing host directory.
      Mounts: named.map((v) => ({ Type: 'volume' as const, Source: v.source, Target: v.target, ReadOnly: v.readOnly })),
      Binds: binds.map((v) => `${v.source}:${v.target}${v.readOnly ? ':ro' : ''}`),
      Tmpfs: Object.fromEntries(tmpfs.map((v) => [v.target, v.readOnly ? 'ro' : ''])),
      ...(cpus !== null ? { NanoCpus: cpus } : {}),
      ...(memory !== null ? { Memory: memory } : {}),
      RestartPolicy: { Name: spec.restart.policy, MaximumRetryCount: spec.restart.policy === 'on-failure' && spec.restart.maxRetries ? Number(spec.restart.maxRetries) : 0 },
      AutoRemove: spec.autoRemove,
      ...(spec.network ? { NetworkMode: spec.network } : {}),
    },
  };
}

const anyAddress = (ip: string | undefined): boolean => !ip || ip === '0.0.0.0' || ip === '::';

/**
 * A published host port another running container holds, refused under its field before anything is created: the
 * engine would only find out at start, with a less helpful sentence.
 */
async function checkPortsFree(api: Docker, spec: RunSpec): Promise<void> {
  if (!spec.ports.some((p) => p.hostPort)) return;
  const running = await api.listContainers().catch((err: unknown) => {
    throw toEngineError(err, 'the containers', 'list');
  });
  const fields: Record<string, string[]> = {};
  spec.ports.forEach((p, i) => {
    if (!p.hostPort) return;
    const holder = running.find((c) =>
      (c.Ports ?? []).some((q) => String(q.PublicPort) === p.hostPort && q.Type === p.protocol && (anyAddress(q.IP) || anyAddress(p.hostIp) || q.IP === p.hostIp)),
    );
    if (holder) fields[`ports.${i}.hostPort`] = [`Port ${p.hostPort}/${p.protocol} on the host is already taken by container ${containerName(holder)}.`];
  });
  const first = Object.values(fields)[0]?.[0];
  if (first) throw new BerthError('CONFLICT', first, { fields });
}

/** The field a "port is already allocated" start failure is about: the port the engine names, else the first fixed one. */
function takenPortField(spec: RunSpec, detail: string): string {
  const port = /(?:Bind for|listen (?:tcp|udp)\d?) \[?[^\s\]]*?\]?:(\d+)/i.exec(detail)?.[1];
  let i = spec.ports.findIndex((p) => p.hostPort !== '' && p.hostPort === port);
  if (i < 0) i = Math.max(0, spec.ports.findIndex((p) => p.hostPort !== ''));
  return `ports.${i}.hostPort`;
}

function createFailure(err: unknown, spec: RunSpec): BerthError {
  const status = (err as { statusCode?: number })?.statusCode;
  const detail = engineMessage(err);
  if (status === 409 && /already in use/i.test(detail)) {
    const sentence = `The name ${spec.name} is already used by another container: pick another name, or remove that container first.`;
    return new BerthError('CONFLICT', sentence, { cause: err, fields: { name: [sentence] } });
  }
  if (status === 404 && /no such image|pull access denied|not found: manifest/i.test(detail)) {
    const sentence = `The image ${spec.image} is not on this engine: pull it first.`;
    return new BerthError('IMAGE_MISSING', sentence, { cause: err, fields: { image: [sentence] } });
  }
  if (status === 404 && /network/i.test(detail)) {
    const sentence = `There is no network ${spec.network} on this engine.`;
    return new BerthError('NOT_FOUND', sentence, { cause: err, fields: { network: [sentence] } });
  }
  // The engine's own limits (CPUs it has, its least memory) are known only to it; say them under their field.
  if (status === 400 && /CPUs/.test(detail)) return new BerthError('BAD_REQUEST', `${detail}.`, { cause: err, fields: { cpus: [`${detail}.`] } });
  if (status === 400 && /memory/i.test(detail)) return new BerthError('BAD_REQUEST', `${detail}.`, { cause: err, fields: { memory: [`${detail}.`] } });
  return toEngineError(err, `a container from ${spec.image}`, 'create');
}

function startFailure(err: unknown, spec: RunSpec, removed: boolean): BerthError {
  const detail = engineMessage(err);
  const after = removed ? 'It was removed again, so nothing is left behind.' : 'Removing it failed too: remove it from the containers list.';
  if (/port is already allocated|address already in use/i.test(detail)) {
    const field = takenPortField(spec, detail);
    const p = spec.ports[Number(field.split('.')[1])];
    const sentence = p ? `Port ${p.hostPort}/${p.protocol} on the host is already in use (${detail}).` : `A host port is already in use (${detail}).`;
    return new BerthError('CONFLICT', `${sentence} ${after}`, { cause: err, fields: { [field]: [sentence] } });
  }
  const base = toEngineError(err, `the new container`, 'start');
  return new BerthError(base.code === 'NOT_MODIFIED' ? 'ENGINE_ERROR' : base.code, `${base.message} ${after}`, { cause: err });
}

/** `docker run -d`: create and start; a refused start leaves no container behind. */
export async function runFromSpec(api: Docker, spec: RunSpec): Promise<RunResult> {
  await checkPortsFree(api, spec);
  let id: string;
  try {
    id = (await api.createContainer(toCreateBody(spec))).id;
  } catch (err) {
    throw createFailure(err, spec);
  }
  const container = api.getContainer(id);
  let name = spec.name;
  try {
    if (!name) name = containerName((await container.inspect()).Name);
    await container.start();
  } catch (err) {
    // Already gone is fine: an auto-removing container may have been cleaned up by the engine.
    const removed = await container.remove({ force: true, v: true }).then(
      () => true,
      (e: { statusCode?: number }) => e?.statusCode === 404 || e?.statusCode === 409,
    );
    throw startFailure(err, spec, removed);
  }
  return { id, name };
}
