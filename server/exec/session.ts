// A terminal on the engine: a TTY exec (or an attach to a container started with -it), its resize, and the
// clean-up that leaves no process of it behind in the container.
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { containerName } from '../docker/container-name';
import { BerthError, toEngineError } from '../errors';

/** Why a terminal could not open, for the browser to offer the right next step (a Start button for NOT_RUNNING). */
export type RefusalReason = 'NOT_FOUND' | 'NOT_RUNNING' | 'PAUSED' | 'NO_TTY' | 'ENGINE';

export class TerminalRefusal extends BerthError {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    cause?: unknown,
  ) {
    super(reason === 'NOT_FOUND' ? 'NOT_FOUND' : reason === 'ENGINE' ? 'ENGINE_ERROR' : 'CONFLICT', message, { cause });
  }
}

export interface TerminalOptions {
  mode: 'exec' | 'attach';
  /** argv; none means the container's shell: bash when it has one, else sh. */
  command?: string[];
  user?: string;
  workdir?: string;
  cols: number;
  rows: number;
}

export interface EngineTerminal {
  stream: Duplex;
  container: { id: string; name: string };
  command: string;
  mode: 'exec' | 'attach';
  resize(cols: number, rows: number): Promise<void>;
  /** The exit code once the process ended (null for an attach, or when the engine does not say). */
  exitCode(): Promise<number | null>;
  /** Ends the terminal: its stream, then any process it started that still runs in the container. */
  end(): Promise<void>;
}

/** The marker each terminal's processes inherit in their environment, so the clean-up finds them all, children too. */
export const SESSION_ENV = 'BERTH_TERMINAL';

interface OpenTerminal {
  engine: string;
  containerId: string;
  execId: string;
  hostPid: number;
}

/** Terminals open in this process, for the Processes tab to mark their processes. */
const open = new Set<OpenTerminal>();

export function openTerminalPids(engine: string, containerId: string): number[] {
  return [...open].filter((t) => t.engine === engine && t.containerId === containerId && t.hostPid > 0).map((t) => t.hostPid);
}

/** Runs `cmd` in the container without a TTY and waits for it; stdout and stderr as the engine multiplexed them. */
export async function runInContainer(api: Docker, id: string, cmd: string[], opts: { user?: string } = {}): Promise<{ exitCode: number | null; output: Buffer }> {
  const exec = await api.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, User: opts.user });
  const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  stream.destroy();
  const info = await exec.inspect();
  return { exitCode: info.Running ? null : info.ExitCode, output: Buffer.concat(chunks) };
}

/** bash when the container has it, else sh, as Docker Desktop chooses. The probe needs no shell of its own. */
export async function chooseShell(api: Docker, id: string): Promise<string[]> {
  try {
    const probe = await runInContainer(api, id, ['bash', '-c', 'exit 0']);
    if (probe.exitCode === 0) return ['bash'];
  } catch {
    // No bash: the engine refuses or the probe fails; sh it is.
  }
  return ['sh'];
}

async function runningContainer(api: Docker, id: string): Promise<Docker.ContainerInspectInfo> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await api.getContainer(id).inspect();
  } catch (err) {
    const e = toEngineError(err, `container ${id}`, 'open a terminal in');
    throw new TerminalRefusal(e.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'ENGINE', e.message, err);
  }
  const name = containerName(info.Name);
  if (info.State.Paused) throw new TerminalRefusal('PAUSED', `Container ${name} is paused: resume it to open a terminal.`);
  if (!info.State.Running || info.State.Restarting) throw new TerminalRefusal('NOT_RUNNING', `Container ${name} is not running: start it to open a terminal.`);
  return info;
}

/** The command as a line of text, for the audit log and the terminal's title. */
function commandLine(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

async function execPid(exec: Docker.Exec): Promise<number> {
  for (let i = 0; i < 10; i++) {
    const info = await exec.inspect().catch(() => null);
    if (!info || (!info.Running && info.ExitCode !== null)) return 0;
    if (info.Pid) return info.Pid;
    await new Promise((r) => setTimeout(r, 20));
  }
  return 0;
}

/**
 * Kills every process that carries this terminal's marker (the shell and whatever it started), HUP first, then KILL
 * for what ignored it. Needs a shell in the container; without one, closing stdin is all Berth can do.
 */
async function killMarked(api: Docker, id: string, marker: string): Promise<void> {
  const find = `for d in /proc/[0-9]*; do if tr '\\0' '\\n' 2>/dev/null < "$d/environ" | grep -qx '${SESSION_ENV}=${marker}'; then echo "\${d#/proc/}"; fi; done`;
  const script = `p=$(${find}); [ -z "$p" ] && exit 0; kill -HUP $p 2>/dev/null; sleep 1; p=$(${find}); [ -n "$p" ] && kill -KILL $p 2>/dev/null; exit 0`;
  await runInContainer(api, id, ['sh', '-c', script], { user: '0' }).catch(() => undefined);
}

export async function openTerminal(api: Docker, engine: string, id: string, opts: TerminalOptions): Promise<EngineTerminal> {
  const info = await runningContainer(api, id);
  const container = { id: info.Id, name: containerName(info.Name) };
  const handle = api.getContainer(info.Id);
  if (opts.mode === 'attach') {
    if (!info.Config.OpenStdin || !info.Config.Tty) {
      throw new TerminalRefusal('NO_TTY', `Container ${container.name} was not started with -it (an open stdin and a TTY): open a shell in it instead.`);
    }
    const stream = (await handle.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true, detachKeys: 'ctrl-p,ctrl-q' })) as Duplex;
    await handle.resize({ h: opts.rows, w: opts.cols }).catch(() => undefined);
    return {
      stream,
      container,
      command: commandLine([info.Path, ...(info.Args ?? [])]),
      mode: 'attach',
      resize: (cols, rows) => handle.resize({ h: rows, w: cols }).then(() => undefined),
      exitCode: async () => null,
      // Detaching leaves the container's own process running, as `docker attach` does.
      end: async () => void stream.destroy(),
    };
  }
  const argv = opts.command?.length ? opts.command : await chooseShell(api, info.Id);
  const marker = randomUUID();
  let exec: Docker.Exec;
  let stream: Duplex;
  try {
    exec = await handle.exec({
      Cmd: argv,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      User: opts.user || undefined,
      WorkingDir: opts.workdir || undefined,
      Env: ['TERM=xterm-256color', `${SESSION_ENV}=${marker}`],
      ConsoleSize: [opts.rows, opts.cols],
    } as Docker.ExecCreateOptions);
    stream = (await exec.start({ hijack: true, stdin: true, Tty: true, ConsoleSize: [opts.rows, opts.cols] } as Docker.ExecStartOptions)) as Duplex;
  } catch (err) {
    const e = toEngineError(err, `container ${container.name}`, 'open a terminal in');
    throw new TerminalRefusal(e.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'ENGINE', e.message, err);
  }
  // As the CLI does: size the TTY once the process runs (not every engine applies ConsoleSize at start).
  await exec.resize({ h: opts.rows, w: opts.cols }).catch(() => undefined);
  const entry: OpenTerminal = { engine, containerId: info.Id, execId: exec.id, hostPid: 0 };
  open.add(entry);
  void execPid(exec).then((pid) => (entry.hostPid = pid));
  let ended: Promise<void> | undefined;
  return {
    stream,
    container,
    command: commandLine(argv),
    mode: 'exec',
    resize: (cols, rows) => exec.resize({ h: rows, w: cols }).then(() => undefined),
    async exitCode() {
      const i = await exec.inspect().catch(() => null);
      return i && !i.Running ? i.ExitCode : null;
    },
    end() {
      ended ??= (async () => {
        stream.end();
        stream.destroy();
        // Also when the shell has exited: what it started in the background carries the marker too.
        await killMarked(api, info.Id, marker);
        open.delete(entry);
      })();
      return ended;
    },
  };
}
