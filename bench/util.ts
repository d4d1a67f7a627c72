// Benchmark helpers: timing, medians, raw Docker API calls and Berth's HTTP API over keep-alive.
import { spawn } from 'node:child_process';
import { type Agent, request } from 'node:http';
import type { BenchContext } from './context';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** GET over a unix socket or TCP; resolves with the status and body once the whole body has arrived. */
export function httpGet(opts: { socketPath?: string; port?: number; path: string; headers?: Record<string, string>; agent?: Agent }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', method: 'GET', ...opts }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

/** Runs `fn` with at most `limit` calls in flight. */
export async function pool<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

/** The docker CLI against the bench engine, with an empty config (no credentials or contexts of this machine); resolves with the elapsed time, throws with its output when it fails. */
export function dockerCli(ctx: BenchContext, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('docker', ['-H', `unix://${ctx.engine.socket}`, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DOCKER_CONFIG: '/nonexistent-berth-bench' } });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`docker ${args.join(' ')} failed: ${err.trim()}`))));
  });
}
