// Running a command inside the VM through the guest agent (guest-exec), with input and captured output; no ssh.
import { guestAgent } from './qmp';
import { sleep } from './procs';

export interface GuestExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface ExecStatus {
  exited: boolean;
  exitcode?: number;
  signal?: number;
  'out-data'?: string;
  'err-data'?: string;
}

// The agent's socket takes one client at a time: calls from Berth wait for each other.
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** Runs `path args…` in the guest as root, feeding `input` on stdin; resolves with its exit code and output. */
export function guestExec(qgaSocket: string, path: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<GuestExecResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return serialized(async () => {
    const request: Record<string, unknown> = { path, arg: args, 'capture-output': true };
    if (opts.input !== undefined) request['input-data'] = Buffer.from(opts.input, 'utf8').toString('base64');
    const { pid } = await guestAgent<{ pid: number }>(qgaSocket, 'guest-exec', request, 10_000);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const st = await guestAgent<ExecStatus>(qgaSocket, 'guest-exec-status', { pid }, 10_000);
      if (st.exited) {
        const decode = (b64?: string) => (b64 ? Buffer.from(b64, 'base64').toString('utf8') : '');
        return { exitCode: st.exitcode ?? (st.signal ? 128 + st.signal : 1), stdout: decode(st['out-data']), stderr: decode(st['err-data']) };
      }
      if (Date.now() > deadline) throw new Error(`A command in the VM did not finish within ${Math.round(timeoutMs / 1000)} s.`);
      await sleep(100);
    }
  });
}

/** `sh -c script` in the guest. */
export function guestShell(qgaSocket: string, script: string, opts: { input?: string; timeoutMs?: number } = {}): Promise<GuestExecResult> {
  return guestExec(qgaSocket, '/bin/sh', ['-c', script], opts);
}
