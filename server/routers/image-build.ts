// images.build (a subscription streaming the engine's build output) and images.buildRoots, spread into the images router.
import { createReadStream, rmSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { streamSignal } from '../context';
import { isRepositoryName, parseImageReference } from '../docker/reference';
import { BerthError } from '../errors';
import { type BuildEvent, buildImage } from '../images/build';
import { packContext } from '../images/build-context';
import { buildRoots, checkDockerfilePath, resolveContextDir } from '../images/build-roots';
import { takeUpload } from '../images/build-uploads';
import { engineAdminProcedure, viewerProcedure } from '../trpc';

/** A name to tag the result with: repository[:tag], no digest (an image gets its digest when pushed). */
export function isBuildTag(ref: string): boolean {
  const r = parseImageReference(ref);
  return r !== null && !r.digest && r.path !== '' && isRepositoryName(r.domain ? `${r.domain}/${r.path}` : r.path);
}

const buildTag = z
  .string()
  .min(1, { message: 'must not be empty', abort: true })
  .max(512, { message: 'must be at most 512 characters', abort: true })
  .refine(isBuildTag, 'must be a name such as "app", "app:1.0" or "registry.local:5000/team/app:1.0" (lower case, no digest)');

const buildArgs = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'build argument names are letters, digits and "_"').max(255), z.string().max(65_536))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 build arguments');

export const buildInput = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('path'), path: z.string().min(1, 'must not be empty').max(4096) }),
    z.object({ kind: z.literal('upload'), uploadId: z.uuid('must be an upload id Berth gave out') }),
  ]),
  dockerfile: z
    .string()
    .max(1024)
    .refine((s) => !isAbsolute(s) && !s.split(/[\\/]/).includes('..'), 'must be a path inside the build folder, without ".."')
    .optional(),
  tags: z.array(buildTag).max(16, 'at most 16 tags').default([]),
  buildArgs: buildArgs.optional(),
  target: z
    .string()
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a stage name from the Dockerfile (letters, digits, "_", ".", "-")')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  noCache: z.boolean().optional(),
  pull: z.boolean().optional(),
});

function tagsOf(input: unknown): string | null {
  const tags = (input as { tags?: unknown } | null)?.tags;
  return Array.isArray(tags) && tags.length ? tags.filter((t) => typeof t === 'string').join(', ').slice(0, 1000) : '(untagged)';
}

function requireAdminUser(user: { role: string; scope?: unknown } | null): void {
  if (!user || user.role !== 'admin' || user.scope) throw new BerthError('FORBIDDEN', 'Only an admin can build images.');
}

export const imageBuildProcedures = {
  /** The folders a build may read from, for the form; only admins may build, so only they see the paths. */
  buildRoots: viewerProcedure.query(({ ctx }): { roots: string[] } => {
    requireAdminUser(ctx.user);
    return { roots: buildRoots(ctx.vm) };
  }),

  build: engineAdminProcedure
    .meta({ audit: { target: tagsOf } })
    .input(buildInput)
    .subscription(async function* ({ ctx, input, signal }): AsyncGenerator<BuildEvent> {
      const dockerfile = checkDockerfilePath(input.dockerfile?.trim() || 'Dockerfile');
      let upload: string | null = null;
      let context: Readable;
      try {
        if (input.source.kind === 'upload') {
          upload = takeUpload(input.source.uploadId, ctx.user!.name);
          context = createReadStream(upload);
        } else {
          context = await packContext(await resolveContextDir(input.source.path, buildRoots(ctx.vm)), dockerfile);
        }
        yield* buildImage(ctx.api, context, {
          dockerfile,
          tags: input.tags,
          buildArgs: input.buildArgs,
          target: input.target,
          noCache: input.noCache,
          pull: input.pull,
          signal: streamSignal(ctx, signal),
        });
      } finally {
        // An uploaded context is used once: gone after the build, whether it worked, failed or was cancelled.
        if (upload) rmSync(upload, { force: true });
      }
    }),
};
