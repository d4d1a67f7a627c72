// An image with N layers of incompressible bytes, built offline on top of the test busybox: pulls and pushes that move real data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { TEST_IMAGE } from './engine';

/** Builds `ref` with `layers` RUN steps, each writing `bytesPerLayer` random bytes (random, so compression gains nothing). */
export async function buildLayeredImage(api: Docker, ref: string, opts: { layers: number; bytesPerLayer: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-layered-'));
  try {
    const steps = Array.from({ length: opts.layers }, (_, i) => `RUN head -c ${opts.bytesPerLayer} /dev/urandom > /layer-${i}`);
    // A label unique to this build keeps two images of the same shape from sharing layers through the build cache.
    writeFileSync(join(dir, 'Dockerfile'), [`FROM ${TEST_IMAGE}`, `LABEL berth.test.build=${Date.now()}-${Math.random().toString(36).slice(2)}`, ...steps, ''].join('\n'));
    const tar = spawn('tar', ['-C', dir, '-cf', '-', 'Dockerfile'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const stream = (await api.buildImage(tar.stdout as unknown as NodeJS.ReadableStream, { t: ref, rm: true, forcerm: true, nocache: true, networkmode: 'none' })) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) =>
      api.modem.followProgress(
        stream,
        (err: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
          const failed = err ?? output.find((o) => o.error || o.errorDetail);
          if (failed) reject(failed instanceof Error ? failed : new Error(failed.errorDetail?.message ?? failed.error));
          else resolve();
        },
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
