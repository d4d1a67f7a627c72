// A real three-node Docker Swarm for tests: three dockerds, each in its own network namespace, joined by a bridge
// that lives in a namespace of its own (no uplink), one manager and two workers, the busybox test image on each.
//
// For development against a live swarm (as root):
//   npx tsx test/swarm.ts up /tmp/my-swarm     starts it, prints the manager and worker sockets, and returns
//   DOCKER_HOST=unix:///tmp/my-swarm/n1/docker.sock docker node ls
//   npx tsx test/swarm.ts down /tmp/my-swarm   removes everything `up` made
//
// Each run has an id "bsw" + 6 hex digits: namespaces <id>-br and <id>-n1..3, cgroup parents /<id>-n1..3. The
// namespaces are private, so every run uses the same addresses: nodes 10.77.0.11-13, Docker's pools in 10.77.0.0/16.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Docker from 'dockerode';
import { contextDirName } from '../server/engines/contexts';
import { importBusybox } from './engine';
import { type SwarmRun, cleanStaleRuns, ip, loadRun, netnsNames, noteNetnsDir, saveRun, sleep, teardownRun } from './swarm-host';

export interface SwarmNode {
  /** n1, n2, n3: the node's directory under `dir`. */
  name: string;
  /** The node's hostname, as `docker node ls` shows it. */
  hostname: string;
  ip: string;
  socket: string;
}

export interface TestSwarm {
  id: string;
  dir: string;
  nodes: SwarmNode[];
  /** Socket of node 1, the manager. */
  manager: string;
  /** Socket of node 2, a worker. */
  worker: string;
  stop(): Promise<void>;
}

const NET = '10.77.0';
const BRIDGE_IP = `${NET}.254`;
const NODE_COUNT = 3;
const ts = (t0: number): string => ((Date.now() - t0) / 1000).toFixed(1);

// Runs in the node's network namespace and a fresh mount and UTS namespace: a sysfs of this namespace (keeping the
// host's cgroup mounts, which dockerd needs), a private /run for containerd's shim sockets, and a resolver that
// fails at once, so the swarm agent's image lookup costs nothing.
const NODE_SCRIPT = `set -e
D=$1
mkdir -p "$D/.cg"
mount --rbind /sys/fs/cgroup "$D/.cg"
mount -t sysfs sysfs /sys
mount --rbind "$D/.cg" /sys/fs/cgroup
umount -l "$D/.cg"
rmdir "$D/.cg"
mount -t tmpfs -o mode=755 berth-swarm-run /run
mount --bind "$D/resolv.conf" /etc/resolv.conf
hostname "$2"
exec dockerd --config-file "$D/daemon.json"`;

function nodeOf(dir: string, n: number): SwarmNode {
  return { name: `n${n}`, hostname: `swarm-${n}`, ip: `${NET}.${10 + n}`, socket: join(dir, `n${n}`, 'docker.sock') };
}

async function makeNetwork(id: string): Promise<void> {
  const [br, ...nodes] = netnsNames(id, NODE_COUNT);
  await ip('netns', 'add', br!);
  await ip('-n', br!, 'link', 'set', 'lo', 'up');
  // Containers' DNS (the bridge address) answers "port unreachable" at once instead of being rate limited.
  await ip('netns', 'exec', br!, 'sh', '-c', 'echo 0 >/proc/sys/net/ipv4/ip_forward && echo 0 >/proc/sys/net/ipv4/icmp_ratelimit');
  await ip('-n', br!, 'link', 'add', 'br0', 'type', 'bridge');
  await ip('-n', br!, 'addr', 'add', `${BRIDGE_IP}/24`, 'dev', 'br0');
  await ip('-n', br!, 'link', 'set', 'br0', 'up');
  await Promise.all(
    nodes.map(async (ns, i) => {
      const node = nodeOf('', i + 1);
      await ip('netns', 'add', ns);
      await ip('-n', ns, 'link', 'set', 'lo', 'up');
      await ip('-n', br!, 'link', 'add', `${node.name}p`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      await ip('-n', br!, 'link', 'set', `${node.name}p`, 'master', 'br0', 'up');
      await ip('-n', ns, 'addr', 'add', `${node.ip}/24`, 'dev', 'eth0');
      await ip('-n', ns, 'link', 'set', 'eth0', 'up');
      await ip('-n', ns, 'route', 'add', 'default', 'via', BRIDGE_IP);
    }),
  );
}

function startDockerd(r: SwarmRun, n: number): number {
  const d = join(r.dir, `n${n}`);
  mkdirSync(d, { recursive: true });
  const config = {
    hosts: [`unix://${d}/docker.sock`],
    'data-root': join(d, 'data'),
    'exec-root': join(d, 'exec'),
    pidfile: join(d, 'dockerd.pid'),
    // Otherwise every node reads /etc/docker/key.json and they share one engine ID.
    'deprecated-key-path': join(d, 'key.json'),
    'cgroup-parent': `/${r.id}-n${n}`,
    'storage-driver': 'overlay2',
    iptables: true,
    bip: `10.77.${10 + n}.1/24`,
    'default-address-pools': [{ base: '10.77.64.0/18', size: 24 }],
    dns: [BRIDGE_IP],
    'shutdown-timeout': 3,
    'log-level': 'warn',
  };
  writeFileSync(join(d, 'daemon.json'), JSON.stringify(config, null, 2));
  writeFileSync(join(d, 'resolv.conf'), 'nameserver 127.0.0.1\n');
  const log = openSync(join(d, 'dockerd.log'), 'a');
  // nsenter, unshare and sh each exec the next, so this pid ends up being dockerd's.
  const proc = spawn(
    'nsenter',
    [`--net=/run/netns/${r.id}-n${n}`, '--', 'unshare', '--mount', '--uts', '--propagation', 'slave', '--', 'sh', '-c', NODE_SCRIPT, 'sh', d, nodeOf(r.dir, n).hostname],
    { stdio: ['ignore', log, log], detached: true },
  );
  proc.unref();
  return proc.pid!;
}

async function waitForEngine(api: Docker, pid: number, d: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      await api.ping();
      return;
    } catch {
      if (!existsSync(`/proc/${pid}`)) break;
      await sleep(100);
    }
  }
  const log = (() => {
    try {
      return readFileSync(join(d, 'dockerd.log'), 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '';
    }
  })();
  throw new Error(`the swarm node dockerd in ${d} did not answer:\n${log}`);
}

async function formSwarm(apis: Docker[], nodes: SwarmNode[]): Promise<void> {
  const [manager, ...workers] = apis;
  const lead = nodes[0]!;
  await manager!.swarmInit({
    ListenAddr: `${lead.ip}:2377`,
    AdvertiseAddr: lead.ip,
    DefaultAddrPool: ['10.77.128.0/17'],
    SubnetSize: 24,
  });
  const info = (await manager!.swarmInspect()) as { JoinTokens: { Worker: string } };
  await Promise.all(
    workers.map((api, i) =>
      api.swarmJoin({
        ListenAddr: `${nodes[i + 1]!.ip}:2377`,
        AdvertiseAddr: nodes[i + 1]!.ip,
        RemoteAddrs: [`${lead.ip}:2377`],
        JoinToken: info.JoinTokens.Worker,
      }),
    ),
  );
  const until = Date.now() + 60_000;
  let ready = 0;
  while (Date.now() < until) {
    const list = (await manager!.listNodes()) as Array<{ Status?: { State?: string } }>;
    ready = list.filter((n) => n.Status?.State === 'ready').length;
    if (ready === nodes.length) return;
    await sleep(200);
  }
  throw new Error(`the test swarm has ${ready} of ${nodes.length} nodes ready after 60 s`);
}

function swarmOf(r: SwarmRun): TestSwarm {
  const nodes = Array.from({ length: r.nodeCount }, (_, i) => nodeOf(r.dir, i + 1));
  let stopped: Promise<void> | undefined;
  return {
    id: r.id,
    dir: r.dir,
    nodes,
    manager: nodes[0]!.socket,
    worker: nodes[1]!.socket,
    stop() {
      stopped ??= (async () => {
        const t0 = Date.now();
        const apis = nodes.map((n) => new Docker({ socketPath: n.socket, timeout: 5_000 }));
        // Services and containers first, so each dockerd's shutdown has nothing to wait for.
        const services = await apis[0]!.listServices().catch(() => []);
        await Promise.all(services.map((s) => apis[0]!.getService(s.ID).remove().catch(() => undefined)));
        await Promise.all(
          apis.map(async (api) => {
            const containers = await api.listContainers({ all: true }).catch(() => []);
            await Promise.all(containers.map((c) => api.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
          }),
        );
        await teardownRun(r);
        console.error(`[test swarm] ${r.id} stopped in ${ts(t0)} s`);
      })();
      return stopped;
    },
  };
}

/**
 * Starts a three-node swarm (node 1 manager, nodes 2 and 3 workers) in `dir` (a new temp dir unless given).
 * `detach` leaves it running after this process exits (`swarm.ts up`); otherwise a later run treats it as a
 * leftover once this process is gone.
 */
export async function startTestSwarm(opts: { dir?: string; detach?: boolean } = {}): Promise<TestSwarm> {
  const t0 = Date.now();
  if (process.getuid?.() !== 0) throw new Error('the test swarm needs root (network namespaces, mounts, cgroups)');
  await cleanStaleRuns();
  const ownsDir = !opts.dir || !existsSync(opts.dir);
  const dir = opts.dir ? resolve(opts.dir) : mkdtempSync(join(tmpdir(), 'berth-swarm-'));
  mkdirSync(dir, { recursive: true });
  const r: SwarmRun = { id: `bsw${randomBytes(3).toString('hex')}`, dir, ownsDir, owner: process.pid, nodeCount: NODE_COUNT, pids: [] };
  noteNetnsDir();
  saveRun(r);
  const swarm = swarmOf(r);
  try {
    await makeNetwork(r.id);
    for (let n = 1; n <= NODE_COUNT; n++) r.pids.push(startDockerd(r, n));
    saveRun(r);
    const apis = swarm.nodes.map((n) => new Docker({ socketPath: n.socket }));
    await Promise.all(apis.map((api, i) => waitForEngine(api, r.pids[i]!, join(dir, `n${i + 1}`), 60_000)));
    const engines = ts(t0);
    await Promise.all(apis.map((api) => importBusybox(api)));
    await formSwarm(apis, swarm.nodes);
    if (opts.detach) {
      r.owner = null;
      saveRun(r);
    }
    writeFileSync(join(dir, 'swarm.json'), JSON.stringify({ id: r.id, nodes: swarm.nodes }, null, 2));
    console.error(`[test swarm] ${r.id}: 3 dockerds up in ${engines} s, swarm of 3 ready nodes in ${ts(t0)} s (${dir})`);
    return swarm;
  } catch (err) {
    await swarm.stop().catch((e: unknown) => console.error(`[test swarm] ${(e as Error).message}`));
    throw err;
  }
}

/** Docker contexts for the manager and a worker in a docker CLI config directory, as `docker context create` writes them. */
export function writeSwarmContexts(configDir: string, swarm: TestSwarm, names = { manager: 'swarm', worker: 'swarm-worker' }): void {
  for (const [name, socket, role] of [
    [names.manager, swarm.manager, 'manager'],
    [names.worker, swarm.worker, 'worker'],
  ] as const) {
    const meta = join(configDir, 'contexts', 'meta', contextDirName(name));
    mkdirSync(meta, { recursive: true });
    const doc = { Name: name, Metadata: { Description: `test swarm ${role}` }, Endpoints: { docker: { Host: `unix://${socket}`, SkipTLSVerify: false } } };
    writeFileSync(join(meta, 'meta.json'), JSON.stringify(doc));
  }
}

/** The swarm a `swarm.ts up` left in `dir`. */
export function attachTestSwarm(dir: string): TestSwarm {
  const { id } = JSON.parse(readFileSync(join(resolve(dir), 'swarm.json'), 'utf8')) as { id: string };
  const r = loadRun(id);
  if (!r) throw new Error(`no record of test swarm ${id}: was it already removed?`);
  return swarmOf(r);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [cmd, dir] = process.argv.slice(2);
  if ((cmd !== 'up' && cmd !== 'down') || !dir) {
    console.error('usage: npx tsx test/swarm.ts up|down <dir>');
    process.exit(2);
  }
  if (cmd === 'up') {
    const swarm = await startTestSwarm({ dir, detach: true });
    console.log(`manager: unix://${swarm.manager}`);
    for (const n of swarm.nodes.slice(1)) console.log(`worker:  unix://${n.socket}`);
  } else {
    await attachTestSwarm(dir).stop();
  }
  // Dockerode keeps sockets alive; nothing else is pending.
  process.exit(0);
}
