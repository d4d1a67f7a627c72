// Reads a stream as bursts of the chunks that arrived meanwhile, handed out as they are (never joined into one copy).
import type { Readable } from 'node:stream';

/**
 * Everything that arrived since the last burst: a fast producer gives few large bursts, a slow one small and
 * immediate ones. The stream pauses once `highWater` bytes wait for a busy consumer (backpressure to the engine).
 */
export async function* chunkBursts(stream: Readable, highWater: number): AsyncGenerator<Buffer[]> {
  let chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= highWater) stream.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (err: Error) => {
    failure = err;
    notify();
  };
  stream.on('data', onData);
  stream.once('end', onEnd);
  stream.once('close', onEnd);
  stream.once('error', onError);
  try {
    for (;;) {
      if (failure) throw failure;
      if (chunks.length) {
        const burst = chunks;
        chunks = [];
        size = 0;
        stream.resume();
        yield burst;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('close', onEnd);
    stream.off('error', onError);
  }
}
