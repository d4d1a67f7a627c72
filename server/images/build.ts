// Builds an image on an engine from a context tar stream, yielding its output as it comes; aborting stops the build.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { destroyOnAbort } from '../engines/wire';
import { BerthError, toEngineError } from '../errors';
import { type BuildLine, BuildOutput } from './build-output';

export type { BuildLine };

export type BuildEvent = { type: 'lines'; lines: BuildLine[] } | { type: 'done'; imageId: string; tags: string[] };

export interface BuildOptions {
  /** Relative to the context, already checked (no "..", not absolute). */
  dockerfile: string;
  tags: string[];
  buildArgs?: Record<string, string>;
  target?: string;
  noCache?: boolean;
  pull?: boolean;
  signal?: AbortSignal;
}

interface Modem {
  dial(opts: Record<string, unknown>, cb: (err: unknown, data: unknown) => void): void;
}

/** POST /build with the context as its body. Streams have no deadline (see engines/guard.ts): a build takes what it takes. */
function startBuild(api: Docker, context: Readable, opts: BuildOptions): Promise<IncomingMessage> {
  const query: Record<string, unknown> = {
    t: opts.tags,
    dockerfile: opts.dockerfile,
    // Intermediate containers go away even when a step fails: a failed build leaves nothing running or stopped.
    rm: true,
    forcerm: true,
  };
  if (opts.buildArgs && Object.keys(opts.buildArgs).length) query.buildargs = opts.buildArgs;
  if (opts.target) query.target = opts.target;
  if (opts.noCache) query.nocache = true;
  if (opts.pull) query.pull = true;
  return new Promise((resolve, reject) => {
    (api.modem as unknown as Modem).dial(
      {
        path: '/build?',
        method: 'POST',
        options: query,
        file: context,
        isStream: true,
        abortSignal: opts.signal,
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      },
      (err, stream) => (err ? reject(err) : resolve(stream as IncomingMessage)),
    );
  });
}

/**
 * The build's output in bursts of lines, then `done` with the new image's id. A failed step ends the stream with a
 * BerthError naming the step and its last lines; the engine tags only after every step succeeded, so a failed or
 * cancelled build leaves no tag behind.
 */
export async function* buildImage(api: Docker, context: Readable, opts: BuildOptions): AsyncGenerator<BuildEvent> {
  const subject = opts.tags.length ? `image ${opts.tags[0]}` : 'the image';
  // A context that cannot be read (a folder changed meanwhile) fails the build with the reason, not a broken pipe.
  let contextError: unknown = null;
  context.once('error', (err) => (contextError = err));
  let response: IncomingMessage;
  try {
    response = await startBuild(api, context, opts);
  } catch (err) {
    context.destroy();
    if (opts.signal?.aborted) return;
    throw contextError ? readFailure(contextError) : toEngineError(err, subject, 'build');
  }
  const release = destroyOnAbort(response, opts.signal);
  const output = new BuildOutput();
  try {
    response.setEncoding('utf8');
    for await (const chunk of response as AsyncIterable<string>) {
      const lines = output.read(chunk);
      if (lines.length) yield { type: 'lines', lines };
    }
    const rest = output.end();
    if (rest.length) yield { type: 'lines', lines: rest };
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw contextError ? readFailure(contextError) : toEngineError(err, subject, 'build');
  } finally {
    release();
    // Ending the engine's answer early (cancel, client gone) closes the connection, and the engine stops the build.
    response.destroy();
    context.destroy();
  }
  if (opts.signal?.aborted) return;
  if (contextError) throw readFailure(contextError);
  if (output.failure || !output.imageId) throw new BerthError('BAD_REQUEST', output.failureSentence());
  yield { type: 'done', imageId: output.imageId, tags: opts.tags };
}

function readFailure(err: unknown): BerthError {
  if (err instanceof BerthError) return err;
  return new BerthError('BAD_REQUEST', `Berth could not read the build context: ${(err as Error).message}.`, { cause: err });
}
