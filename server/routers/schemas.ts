// Input schemas shared by the routers: engine names and Docker object references.
import { z } from 'zod';
import { ENGINE_NAME } from '../engines/contexts';

export const engineName = z
  .string()
  .regex(ENGINE_NAME, 'must be an engine name such as "default" (letters, digits, "_", ".", "+", "-")');

/** A container, volume or network: a name or a (possibly short) id. */
export const objectRef = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a name or id (letters, digits, "_", ".", "-")');

/** An image: an id, sha256:… digest or repo[:tag][@digest]. */
export const imageRef = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$/, 'must be an image id or reference such as "busybox:latest"');

export const repoName = z
  .string()
  .min(1, 'must not be empty')
  .max(255)
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+|__)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'must be a repository name in lower case, such as "registry.local:5000/team/app"');

export const tagName = z.string().regex(/^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$/, 'must be a tag such as "latest" or "1.2.3"');

export const resourceName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must start with a letter or digit and hold only letters, digits, "_", "." and "-"');

export const labelsInput = z.record(z.string().min(1).max(255), z.string().max(4096)).optional();
