// Runs a host command for the VM, streaming its output lines and failing with a readable sentence.
import { spawn } from 'node:child_process';

export interface RunOptions {
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** Runs `cmd args`; resolves with its output, rejects with the command's last lines when it fails. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    const take = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 400) lines.shift();
        opts.onLine?.(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const abort = () => child.kill('SIGTERM');
    opts.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (err: NodeJS.ErrnoException) => {
      opts.signal?.removeEventListener('abort', abort);
      reject(new CommandError(err.code === 'ENOENT' ? `${cmd} is not installed.` : `${cmd} could not run: ${err.message}`, ''));
    });
    child.on('close', (code, sig) => {
      opts.signal?.removeEventListener('abort', abort);
      if (partial) lines.push(partial);
      const output = lines.join('\n');
      if (code === 0) return resolve(output);
      if (opts.signal?.aborted) return reject(new CommandError(`${cmd} was cancelled.`, output));
      const tail = lines.filter((l) => l.trim()).slice(-3).join(' / ');
      reject(new CommandError(`${cmd} failed (${sig ?? `exit ${code}`})${tail ? `: ${tail}` : '.'}`, output));
    });
  });
}

/** True when `cmd` is on PATH (or an absolute path that exists). */
export async function hasCommand(cmd: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}
