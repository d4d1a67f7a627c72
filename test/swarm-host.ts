// Host plumbing for the test swarm: network namespaces, cgroups, the processes inside them, run records and
// the cleanup that leaves nothing behind. Every name it touches starts with a per-run id "bsw" + 6 hex digits.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CGROUP_ROOT = '/sys/fs/cgroup';
/** Records of live runs, so a later run can tell a leftover from a swarm that is still in use. */
const RUNS_DIR = '/run/berth-swarm';
const RUN_ID = /^bsw[0-9a-f]{6}$/;
const NAME = /^(bsw[0-9a-f]{6})-(br|n[0-9])$/;

export interface SwarmRun {
  id: string;
  dir: string;
  /** Removed at the end when this run created it. */
  ownsDir: boolean;
  /** The process the swarm belongs to (the test runner); null for `swarm.ts up`, which outlives its starter. */
  owner: number | null;
  nodeCount: number;
  /** The dockerds this run started. */
  pids: number[];
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function ip(...args: string[]): Promise<string> {
  return (await run('ip', args)).stdout;
}

export function netnsNames(id: string, nodeCount: number): string[] {
  return [`${id}-br`, ...Array.from({ length: nodeCount }, (_, i) => `${id}-n${i + 1}`)];
}

export function saveRun(r: SwarmRun): void {
  for (let attempt = 0; ; attempt++) {
    mkdirSync(RUNS_DIR, { recursive: true });
    try {
      writeFileSync(join(RUNS_DIR, `${r.id}.json`), JSON.stringify(r));
      return;
    } catch (err) {
      // Another run's cleanup can remove the empty directory between the two calls.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 3) throw err;
    }
  }
}

export function loadRun(id: string): SwarmRun | undefined {
  try {
    return JSON.parse(readFileSync(join(RUNS_DIR, `${id}.json`), 'utf8')) as SwarmRun;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

/** A pid is one of this run's dockerds only while its command line still names the run's directory. */
export function isRunDockerd(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((a) => a.startsWith(dir + '/'));
  } catch {
    return false;
  }
}

function cgroupDirs(id: string): string[] {
  const dirs: string[] = [];
  let controllers: string[] = [];
  try {
    controllers = readdirSync(CGROUP_ROOT);
  } catch {
    return dirs;
  }
  for (const c of ['', ...controllers]) {
    let entries: string[] = [];
    try {
      entries = readdirSync(join(CGROUP_ROOT, c));
    } catch {
      continue;
    }
    for (const e of entries) if (e.startsWith(`${id}-n`)) dirs.push(join(CGROUP_ROOT, c, e));
  }
  return dirs;
}

/** Every cgroup directory below `dir`, deepest first. */
function cgroupTree(dir: string): string[] {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[] = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) if (e.isDirectory()) out.push(...cgroupTree(join(dir, e.name)));
  out.push(dir);
  return out;
}

/** The cgroup directories this run's dockerds created (cgroup-parent /<id>-nN in every hierarchy). */
export function runCgroups(id: string): string[] {
  return cgroupDirs(id).flatMap(cgroupTree);
}

export async function runNetns(id: string): Promise<string[]> {
  const list = await ip('netns', 'list').catch(() => '');
  return list.split('\n').map((l) => l.split(' ')[0] ?? '').filter((n) => NAME.exec(n)?.[1] === id);
}

/** Processes of the run: anything in its node namespaces (dockerd, containerd, shims) or its cgroups (tasks). */
export async function runPids(id: string): Promise<number[]> {
  const pids = new Set<number>();
  for (const ns of await runNetns(id)) {
    const out = await ip('netns', 'pids', ns).catch(() => '');
    for (const p of out.split('\n')) if (p.trim()) pids.add(Number(p));
  }
  for (const cg of runCgroups(id)) {
    let procs = '';
    try {
      procs = readFileSync(join(cg, 'cgroup.procs'), 'utf8');
    } catch {
      continue;
    }
    for (const p of procs.split('\n')) if (p.trim()) pids.add(Number(p));
  }
  pids.delete(process.pid);
  return [...pids].filter(alive);
}

/** Mount points at or below `dir` as this process sees them. */
export function mountsUnder(dir: string): string[] {
  const text = readFileSync('/proc/self/mountinfo', 'utf8');
  return text
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((m) => m === dir || m.startsWith(dir + '/'));
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Ends a run: SIGTERM to its dockerds, then SIGKILL to whatever is left in its namespaces and cgroups, then removes
 * the cgroups, the namespaces, its directory and its record. Throws when something could not be removed.
 */
export async function teardownRun(r: SwarmRun, graceMs = 15_000): Promise<void> {
  const running = r.pids.filter((pid) => isRunDockerd(pid, r.dir));
  for (const pid of running) kill(pid, 'SIGTERM');
  // Without a dockerd to end them, what is left (containerd, shims, tasks) would wait for nothing.
  const until = running.length > 0 ? Date.now() + graceMs : 0;
  while (Date.now() < until && (await runPids(r.id)).length > 0) await sleep(200);
  for (let round = 0; round < 20; round++) {
    const left = await runPids(r.id);
    if (left.length === 0) break;
    for (const pid of left) kill(pid, 'SIGKILL');
    await sleep(100);
  }
  // A cgroup can be removed once its last process has been reaped; that can lag the kill a little.
  for (let round = 0; round < 30; round++) {
    for (const cg of runCgroups(r.id)) {
      try {
        rmdirSync(cg);
      } catch {
        // Still busy or already gone; the next round sees.
      }
    }
    if (runCgroups(r.id).length === 0) break;
    await sleep(100);
  }
  for (const ns of await runNetns(r.id)) await ip('netns', 'delete', ns).catch(() => undefined);
  const problems: string[] = [];
  const pids = await runPids(r.id);
  if (pids.length) problems.push(`processes ${pids.join(', ')}`);
  if (runCgroups(r.id).length) problems.push(`cgroups ${runCgroups(r.id).join(', ')}`);
  if ((await runNetns(r.id)).length) problems.push(`namespaces ${(await runNetns(r.id)).join(', ')}`);
  const mounts = existsSync(r.dir) ? mountsUnder(r.dir) : [];
  if (mounts.length) problems.push(`mounts ${mounts.join(', ')}`);
  else if (r.ownsDir) rmSync(r.dir, { recursive: true, force: true, maxRetries: 3 });
  else for (let n = 1; n <= r.nodeCount; n++) rmSync(join(r.dir, `n${n}`), { recursive: true, force: true, maxRetries: 3 });
  if (problems.length) throw new Error(`test swarm ${r.id}: could not remove ${problems.join('; ')}`);
  rmSync(join(RUNS_DIR, `${r.id}.json`), { force: true });
  forgetRunsDir();
}

/** `ip netns add` creates /run/netns as a mount when missing; remove both once no run of ours needs them. */
function forgetRunsDir(): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(RUNS_DIR);
  } catch {
    return;
  }
  if (entries.some((f) => f.endsWith('.json'))) return;
  try {
    if (entries.includes('created-run-netns') && readdirSync('/run/netns').length === 0) {
      if (mountsUnder('/run/netns').length) execFileSync('umount', ['/run/netns'], { stdio: 'ignore' });
      rmdirSync('/run/netns');
    }
  } catch {
    // Gone already, or another run put a namespace there meanwhile: it stays.
  }
  rmSync(join(RUNS_DIR, 'created-run-netns'), { force: true });
  try {
    rmdirSync(RUNS_DIR);
  } catch {
    // Another run has just recorded itself.
  }
}

/** Remembers whether /run/netns existed before this harness, so cleanup only removes what it caused. */
export function noteNetnsDir(): void {
  mkdirSync(RUNS_DIR, { recursive: true });
  if (!existsSync('/run/netns') && !existsSync(join(RUNS_DIR, 'created-run-netns'))) writeFileSync(join(RUNS_DIR, 'created-run-netns'), '');
}

/** Tears down runs of this harness whose owner and dockerds are all gone (a crashed test run, a killed `up`). */
export async function cleanStaleRuns(): Promise<void> {
  const ids = new Set<string>();
  try {
    for (const f of readdirSync(RUNS_DIR)) if (RUN_ID.test(f.replace(/\.json$/, ''))) ids.add(f.replace(/\.json$/, ''));
  } catch {
    // No records yet.
  }
  const list = await ip('netns', 'list').catch(() => '');
  for (const l of list.split('\n')) {
    const m = NAME.exec(l.split(' ')[0] ?? '');
    if (m?.[1]) ids.add(m[1]);
  }
  for (const c of (() => {
    try {
      return readdirSync(CGROUP_ROOT);
    } catch {
      return [];
    }
  })()) {
    try {
      for (const e of readdirSync(join(CGROUP_ROOT, c))) {
        const m = NAME.exec(e);
        if (m?.[1]) ids.add(m[1]);
      }
    } catch {
      // Not a directory.
    }
  }
  for (const id of ids) {
    const r = loadRun(id);
    if (r) {
      const inUse = r.owner !== null ? alive(r.owner) : r.pids.some((p) => isRunDockerd(p, r.dir));
      if (inUse) continue;
    }
    console.error(`[test swarm] removing the leftovers of run ${id}${r ? ` (${r.dir})` : ''}`);
    await teardownRun(r ?? { id, dir: `/nonexistent/${id}`, ownsDir: false, owner: null, nodeCount: 0, pids: [] }, r ? 5_000 : 0).catch(
      (err: unknown) => console.error(`[test swarm] ${(err as Error).message}`),
    );
  }
}
