// Settings → Docker Engine: the VM's daemon.json on its data disk, read and written through the guest agent, and
// "Apply & restart": dockerd alone restarts with the new file; when it will not start, the previous file comes back.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import { BerthError } from '../errors';
import { guestShell } from './guest-exec';
import { GUEST_DAEMON_JSON } from './guest-files';
import type { StepContext } from './operations';
import type { VmPaths } from './paths';
import { sleep } from './procs';

export interface EngineConfigView {
  text: string;
  /** "vm": read from the data disk just now; "saved": Berth's copy from the last time it read or wrote it. */
  source: 'vm' | 'saved' | 'none';
  /** Where the file lives in the VM. */
  path: string;
}

const STOP_TIMEOUT_MS = 90_000;
const START_TIMEOUT_MS = 240_000;

function hostCopy(paths: VmPaths): string {
  return join(paths.vmDir, 'daemon.json');
}

function keepCopy(paths: VmPaths, text: string): void {
  const file = hostCopy(paths);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function savedCopy(paths: VmPaths): EngineConfigView {
  const file = hostCopy(paths);
  if (!existsSync(file)) return { text: '{}\n', source: 'none', path: GUEST_DAEMON_JSON };
  return { text: readFileSync(file, 'utf8'), source: 'saved', path: GUEST_DAEMON_JSON };
}

/** The file as dockerd in the running VM reads it; Berth's last copy when the VM is stopped or busy. */
export async function readEngineConfig(paths: VmPaths, opts: { running: boolean; busy: boolean }): Promise<EngineConfigView> {
  if (!opts.running || opts.busy) return savedCopy(paths);
  const r = await guestShell(paths.qgaSocket, `cat ${GUEST_DAEMON_JSON} 2>/dev/null || echo '{}'`, { timeoutMs: 15_000 }).catch(() => null);
  if (!r || r.exitCode !== 0) return savedCopy(paths);
  keepCopy(paths, r.stdout);
  return { text: r.stdout, source: 'vm', path: GUEST_DAEMON_JSON };
}

async function guest(paths: VmPaths, script: string, what: string, input?: string, timeoutMs = 60_000): Promise<string> {
  const r = await guestShell(paths.qgaSocket, script, { input, timeoutMs });
  if (r.exitCode !== 0) throw new BerthError('ENGINE_ERROR', `${what} failed in the VM: ${r.stderr.trim() || `exit status ${r.exitCode}`}.`);
  return r.stdout;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function readFrom(file: string, offset: number): string {
  try {
    const all = readFileSync(file);
    return all.subarray(Math.min(offset, all.length)).toString('utf8');
  } catch {
    return '';
  }
}

/** dockerd's own reason for stopping, from what it wrote since `offset`: its last plain line, or its last fatal or error entry. */
export function dockerdReason(output: string): string | null {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
    .filter(Boolean);
  const plain = lines.filter((l) => !/^time="/.test(l) && !/^(INFO|WARN|DEBU|ERRO)\[/.test(l));
  if (plain.length) return plain[plain.length - 1]!;
  const logged = lines.filter((l) => /level=(fatal|error)/.test(l));
  const last = logged[logged.length - 1];
  return last ? (/msg="((?:[^"\\]|\\.)*)"/.exec(last)?.[1]?.replace(/\\"/g, '"') ?? last) : null;
}

async function pingable(docker: Docker): Promise<boolean> {
  try {
    await docker.ping();
    return true;
  } catch {
    return false;
  }
}

/** Stops dockerd (the guest's init starts it again at once) and waits until that process is gone. */
async function stopDockerd(paths: VmPaths): Promise<void> {
  await guest(
    paths,
    `pid=$(cat /run/docker.pid 2>/dev/null || true)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || exit 0
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
  i=$((i + 1))
  [ $i -eq ${(STOP_TIMEOUT_MS / 100) | 0} ] && kill -KILL "$pid"
  sleep 0.1
done`,
    'Stopping Docker Engine',
    undefined,
    STOP_TIMEOUT_MS + 20_000,
  );
}

type StartOutcome = { ok: true } | { ok: false; reason: string };

/** dockerd exits that say nothing about daemon.json: the guest's init starts it again, and Berth keeps waiting. */
const TRANSIENT = /timeout waiting for containerd to start/;

/** Waits for dockerd to answer, or for the guest's init to report that it exited again (it restarts it every 2 s). */
async function waitForDockerd(paths: VmPaths, since: { console: number; dockerd: number }, exitsBefore: number, log: (line: string) => void): Promise<StartOutcome> {
  const docker = new Docker({ socketPath: paths.dockerSocket, timeout: 3000 });
  const deadline = Date.now() + START_TIMEOUT_MS;
  let allowed = exitsBefore;
  while (Date.now() < deadline) {
    if (await pingable(docker)) return { ok: true };
    const exits = (readFrom(paths.serialLog, since.console).match(/dockerd exited with status/g) ?? []).length;
    if (exits > allowed) {
      const reason = dockerdReason(readFrom(paths.dockerdLog, since.dockerd));
      if (!reason || !TRANSIENT.test(reason)) {
        return { ok: false, reason: reason ?? "dockerd stopped without saying why; see the VM's dockerd log (VM → Logs)." };
      }
      log(`dockerd: ${reason}; the VM starts it again.`);
      allowed = exits;
      since = { ...since, dockerd: fileSize(paths.dockerdLog) };
    }
    await sleep(400);
  }
  return { ok: false, reason: `Docker Engine did not answer within ${START_TIMEOUT_MS / 1000} s.` };
}

/**
 * Writes `text` (already checked) as the VM's daemon.json and restarts dockerd with it. When dockerd does not start,
 * puts the previous file back, starts dockerd again and fails with dockerd's own words.
 */
export async function applyEngineConfig(paths: VmPaths, text: string, ctx: StepContext): Promise<string> {
  const f = GUEST_DAEMON_JSON;
  ctx.step(0.1, "Saving daemon.json on the VM's data disk");
  const previous = await guest(
    paths,
    `set -e
mkdir -p ${dirname(f)}
cat > ${f}.new
[ -f ${f} ] || echo '{}' > ${f}
cp ${f} ${f}.previous
sync
mv ${f}.new ${f}
sync
cat ${f}.previous`,
    'Saving daemon.json',
    text,
  );
  keepCopy(paths, text);
  const since = { console: fileSize(paths.serialLog), dockerd: fileSize(paths.dockerdLog) };
  ctx.step(0.25, 'Stopping Docker Engine (containers stop; those with a restart policy start again)');
  await stopDockerd(paths);
  ctx.step(0.45, 'Starting Docker Engine with the new daemon.json');
  // Stopping it made the guest's init log one exit; a second one is the new dockerd failing.
  const outcome = await waitForDockerd(paths, since, 1, ctx.log);
  if (outcome.ok) {
    await guest(paths, `rm -f ${f}.previous; sync`, 'Cleaning up').catch((err: Error) => ctx.log(err.message));
    ctx.step(1, 'Docker Engine is running with the new daemon.json');
    return 'Applied; Docker Engine restarted with the new daemon.json.';
  }
  ctx.log(`dockerd: ${outcome.reason}`);
  ctx.step(0.6, 'Docker Engine did not start: restoring the previous daemon.json');
  await guest(paths, `set -e\nmv ${f}.previous ${f}\nsync`, 'Restoring daemon.json');
  keepCopy(paths, previous);
  const again = { console: fileSize(paths.serialLog), dockerd: fileSize(paths.dockerdLog) };
  // A dockerd still trying (hung rather than failed) is stopped, so the next one reads the restored file.
  await stopDockerd(paths);
  ctx.step(0.75, 'Starting Docker Engine with the previous daemon.json');
  const back = await waitForDockerd(paths, again, 2, ctx.log);
  const said = `dockerd said: ${outcome.reason.replace(/\.?$/, '.')}`;
  if (!back.ok) {
    throw new BerthError('ENGINE_ERROR', `Docker Engine did not start with the new daemon.json (${said}) Berth put the previous daemon.json back, but Docker Engine did not start again either: ${back.reason}`);
  }
  throw new BerthError('ENGINE_ERROR', `Docker Engine did not start with the new daemon.json, so Berth put the previous one back and started it again. ${said}`);
}
