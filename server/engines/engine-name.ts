// The schema of an engine's name in inputs: the docker context's name, or Berth's own names (default, vm).
import { z } from 'zod';
import { ENGINE_NAME } from './contexts';

export const engineName = z.string().regex(ENGINE_NAME, 'must be an engine name such as "default" (letters, digits, "_", ".", "+", "-")');
