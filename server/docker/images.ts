// Image operations: list with in-use counts, inspect with history, remove, tag.
import type Docker from 'dockerode';
import { BerthError, toEngineError } from '../errors';
import { containerName } from './container-name';

export interface ImageRow {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  created: number;
  containers: number;
  dangling: boolean;
}

export interface ImageHistoryRow {
  id: string;
  created: number;
  createdBy: string;
  size: number;
  comment: string;
  tags: string[];
}

export interface ImageDetail {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  created: string;
  size: number;
  architecture: string;
  os: string;
  author: string;
  cmd: string[];
  entrypoint: string[];
  env: string[];
  exposedPorts: string[];
  workingDir: string;
  labels: { key: string; value: string }[];
  layers: string[];
  history: ImageHistoryRow[];
  usedBy: { id: string; name: string; state: string }[];
  raw: string;
}

function realTags(tags: string[] | undefined): string[] {
  return (tags ?? []).filter((t) => t !== '<none>:<none>');
}

export async function listImages(api: Docker, opts: { dangling?: boolean } = {}): Promise<ImageRow[]> {
  try {
    const [images, containers] = await Promise.all([api.listImages({ all: false }), api.listContainers({ all: true })]);
    const uses = new Map<string, number>();
    for (const c of containers) uses.set(c.ImageID, (uses.get(c.ImageID) ?? 0) + 1);
    const rows = images.map((img) => {
      const repoTags = realTags(img.RepoTags);
      return {
        id: img.Id,
        repoTags,
        repoDigests: (img.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
        size: img.Size,
        created: img.Created,
        containers: uses.get(img.Id) ?? 0,
        dangling: repoTags.length === 0,
      };
    });
    return opts.dangling === undefined ? rows : rows.filter((r) => r.dangling === opts.dangling);
  } catch (err) {
    throw toEngineError(err, 'images', 'list');
  }
}

export async function inspectImage(api: Docker, ref: string): Promise<ImageDetail> {
  try {
    const image = api.getImage(ref);
    const [raw, history, containers] = await Promise.all([
      image.inspect(),
      image.history() as Promise<{ Id: string; Created: number; CreatedBy: string; Size: number; Comment: string; Tags: string[] | null }[]>,
      api.listContainers({ all: true }),
    ]);
    const cfg = raw.Config ?? ({} as Docker.ImageInspectInfo['Config']);
    return {
      id: raw.Id,
      repoTags: realTags(raw.RepoTags),
      repoDigests: raw.RepoDigests ?? [],
      created: raw.Created,
      size: raw.Size,
      architecture: raw.Architecture,
      os: raw.Os,
      author: raw.Author ?? '',
      cmd: cfg.Cmd ?? [],
      entrypoint: typeof cfg.Entrypoint === 'string' ? [cfg.Entrypoint] : (cfg.Entrypoint ?? []),
      env: cfg.Env ?? [],
      exposedPorts: Object.keys(cfg.ExposedPorts ?? {}),
      workingDir: cfg.WorkingDir ?? '',
      labels: Object.entries(cfg.Labels ?? {}).map(([key, value]) => ({ key, value })),
      layers: raw.RootFS?.Layers ?? [],
      history: history.map((h) => ({
        id: h.Id,
        created: h.Created,
        createdBy: h.CreatedBy,
        size: h.Size,
        comment: h.Comment,
        tags: realTags(h.Tags ?? []),
      })),
      usedBy: containers
        .filter((c) => c.ImageID === raw.Id)
        .map((c) => ({ id: c.Id, name: containerName(c), state: c.State })),
      raw: JSON.stringify(raw, null, 2),
    };
  } catch (err) {
    throw toEngineError(err, `image ${ref}`, 'inspect');
  }
}

export interface RemovedImage {
  untagged: string[];
  deleted: string[];
}

export async function removeImage(api: Docker, ref: string, opts: { force?: boolean } = {}): Promise<RemovedImage> {
  try {
    const out = (await api.getImage(ref).remove({ force: opts.force ?? false })) as { Untagged?: string; Deleted?: string }[];
    return {
      untagged: out.flatMap((o) => (o.Untagged ? [o.Untagged] : [])),
      deleted: out.flatMap((o) => (o.Deleted ? [o.Deleted] : [])),
    };
  } catch (err) {
    const e = toEngineError(err, `image ${ref}`, 'remove');
    const detail = e.message;
    if (/being used by|image is being used|must be forced|must force|referenced in multiple repositories|dependent child images/i.test(detail)) {
      const stopped = /stopped container/i.test(detail);
      const multi = /referenced in multiple repositories/i.test(detail);
      const children = /dependent child images/i.test(detail);
      const why = children
        ? 'other images are built on it; remove them first'
        : multi
        ? 'it has more than one tag; remove a tag, or use "force" to remove them all'
        : stopped
          ? 'a stopped container uses it; remove the container, or use "force"'
          : 'a running container uses it; stop and remove the container first';
      throw new BerthError('IN_USE', `Image ${ref} cannot be removed: ${why}.`, { cause: err });
    }
    throw e;
  }
}

export async function tagImage(api: Docker, ref: string, repo: string, tag: string): Promise<void> {
  try {
    await api.getImage(ref).tag({ repo, tag });
  } catch (err) {
    throw toEngineError(err, `image ${ref}`, 'tag');
  }
}
