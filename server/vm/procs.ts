// Small helpers for the VM's processes: pid files, liveness, waiting for exit, free ports.
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';

export function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/** True when `pid` is alive and its command line contains `needle` (a recycled pid is not ours). */
export function pidAlive(pid: number | null, needle?: string): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!needle) return true;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return cmdline.includes(needle) && !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

export async function waitForExit(pid: number, timeoutMs: number, needle?: string): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!pidAlive(pid, needle)) return true;
    await sleep(100);
  }
  return !pidAlive(pid, needle);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function removeIfExists(...files: string[]): void {
  for (const f of files) if (existsSync(f)) rmSync(f, { force: true });
}

/** A loopback TCP port that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** The last `n` non-empty lines of a text file, or [] when it does not exist. */
export function tailLines(file: string, n: number): string[] {
  try {
    const text = readFileSync(file, 'utf8');
    return text.split('\n').filter((l) => l.trim()).slice(-n);
  } catch {
    return [];
  }
}

/** The last `maxBytes` of a file, its size, and whether it exists. */
export function tailBytes(file: string, maxBytes: number): { text: string; size: number; exists: boolean } {
  if (!existsSync(file)) return { text: '', size: 0, exists: false };
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const len = Math.min(size, maxBytes);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    return { text: buf.toString('utf8'), size, exists: true };
  } finally {
    closeSync(fd);
  }
}
