// Input schemas shared by the routers: engine names and Docker object references.
import { z } from 'zod';
import { isImageReference, isRepositoryName, isTag, NAME_MAX } from '../docker/reference';
export { engineName } from '../engines/engine-name';

/** A container, volume or network: a name or a (possibly short) id. */
export const objectRef = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a name or id (letters, digits, "_", ".", "-")');

/** An image: an id, sha256:… digest or repo[:tag][@digest], in Docker's own grammar (it becomes part of a URL path). */
export const imageRef = z
  .string()
  .min(1, { message: 'must not be empty', abort: true })
  .max(512, { message: 'must be at most 512 characters', abort: true })
  .refine(isImageReference, 'must be an image reference such as "busybox:latest" or "registry.local:5000/team/app:1.0"');

export const repoName = z
  .string()
  .min(1, { message: 'must not be empty', abort: true })
  .max(NAME_MAX, { message: `must be at most ${NAME_MAX} characters`, abort: true })
  .refine(isRepositoryName, 'must be a repository name in lower case, such as "registry.local:5000/team/app"');

export const tagName = z.string().refine(isTag, 'must be a tag such as "latest" or "1.2.3"');

export const resourceName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must start with a letter or digit and hold only letters, digits, "_", "." and "-"');

export const labelsInput = z.record(z.string().min(1).max(255), z.string().max(4096)).optional();
