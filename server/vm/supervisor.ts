// The VM's supervisor, a small process beside QEMU: the owner-only engine socket, port forwards, and
// noticing when QEMU exits. It lives as long as the VM, whether Berth or `berth vm start` started it.
import type { Server } from 'node:net';
import Docker from 'dockerode';
import { containerName } from '../docker/container-name';
import { readCerts, certFiles } from './certs';
import { restoreContext, writeContext } from './cli-context';
import { desiredForwards, forwardFailure, forwardKey, hostfwdRule, planForwards, type Forward, type PublishedPort } from './forwards';
import { vmPaths, type VmPaths } from './paths';
import { removeIfExists, sleep, tailLines } from './procs';
import { Qmp } from './qmp';
import { startEngineProxy } from './engine-proxy';
import { ResourceSaver } from './resource-saver';
import { cleanupRunFiles, tlsDockerClient } from './lifecycle';
import { readRunState, writeLastExit, writePorts, type PortState, type RunState } from './state';

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

/** Serves the VM's engine on a unix socket only the owner can open, over mutual TLS to the guest (server/vm/engine-proxy.ts). */
function startProxy(paths: VmPaths, state: RunState, saver: ResourceSaver): Server {
  const tls = readCerts(certFiles(paths.certsDir));
  removeIfExists(paths.dockerSocket);
  return startEngineProxy(paths.dockerSocket, { host: '127.0.0.1', port: state.dockerPort, servername: 'localhost', ...tls }, saver, () => {
    log(`engine socket ready at ${paths.dockerSocket}`);
    // Here too, not only when a start completes: a Berth killed before the engine answered never writes it.
    try {
      writeContext(paths.dockerSocket);
    } catch (err) {
      log(`the docker context "berth" was not written: ${(err as Error).message}`);
    }
  });
}

class Forwarder {
  private active = new Map<string, Forward>();
  private errors = new Map<string, PortState>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly qmp: Qmp,
    private readonly docker: Docker,
    private readonly paths: VmPaths,
    private readonly exposeAll: boolean,
    private readonly onList: (running: number) => void = () => undefined,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reconcile();
    }, 150);
  }

  async reconcile(): Promise<void> {
    if (this.running) return this.schedule();
    this.running = true;
    try {
      const containers = await this.docker.listContainers();
      this.onList(containers.length);
      const published: PublishedPort[] = containers.flatMap((c) =>
        c.Ports.map((p) => ({ containerId: c.Id, containerName: containerName(c), ip: p.IP, publicPort: p.PublicPort, type: p.Type })),
      );
      const desired = desiredForwards(published, this.exposeAll);
      const plan = planForwards(desired, [...this.active.values()]);
      for (const f of plan.remove) {
        await this.qmp.hmp(`hostfwd_remove net0 ${f.proto}:${f.hostIp}:${f.hostPort}`).catch(() => '');
        this.active.delete(forwardKey(f));
      }
      const results: PortState[] = [];
      for (const f of desired) {
        const key = forwardKey(f);
        if (plan.add.some((a) => forwardKey(a) === key)) {
          const reply = await this.qmp.hmp(`hostfwd_add net0 ${hostfwdRule(f)}`).catch((e: Error) => e.message);
          const error = forwardFailure(f, reply);
          if (error) {
            log(`forward ${key} for ${f.containerName} failed: ${reply.trim()}`);
            this.errors.set(key, { ...f, error });
          } else {
            this.active.set(key, f);
            this.errors.delete(key);
            log(`forwarding ${key} to ${f.containerName}`);
          }
        }
        results.push(this.errors.get(key) ?? { proto: f.proto, hostIp: f.hostIp, hostPort: f.hostPort, containerId: f.containerId, containerName: f.containerName });
      }
      for (const key of [...this.errors.keys()]) if (!desired.some((f) => forwardKey(f) === key)) this.errors.delete(key);
      writePorts(this.paths, results);
    } catch (err) {
      log(`port forwards not updated: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}

async function followEvents(docker: Docker, forwarder: Forwarder, saver: ResourceSaver, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    try {
      await docker.ping();
      saver.engineReady();
      await forwarder.reconcile();
      const stream = (await docker.getEvents({ filters: { type: ['container'] } })) as NodeJS.ReadableStream & { destroy(): void };
      await new Promise<void>((resolve) => {
        stream.on('data', () => forwarder.schedule());
        stream.on('end', resolve);
        stream.on('error', resolve);
        stream.on('close', resolve);
      });
    } catch {
      // The engine is still starting or restarting inside the guest.
    }
    await sleep(1000);
  }
}

async function connectQmp(path: string): Promise<Qmp> {
  for (let i = 0; ; i++) {
    try {
      return await Qmp.connect(path);
    } catch (err) {
      if (i > 150) throw err;
      await sleep(200);
    }
  }
}

export async function runSupervisor(home: string): Promise<void> {
  const paths = vmPaths(home);
  const state = readRunState(paths);
  if (!state) throw new Error('No VM state to supervise.');
  const qmp = await connectQmp(paths.supervisorQmpSocket);
  const docker = tlsDockerClient(paths, state.dockerPort);
  const saver = new ResourceSaver({ qmp, paths, docker, log });
  const proxy = startProxy(paths, state, saver);
  const forwarder = new Forwarder(qmp, docker, paths, state.exposeAll, (n) => saver.containersRunning(n));
  let done = false;
  const finish = (code: number) => {
    if (done) return;
    done = true;
    proxy.close();
    removeIfExists(paths.dockerSocket);
    process.exit(code);
  };
  process.on('SIGTERM', () => finish(0));
  process.on('SIGINT', () => finish(0));
  // A paused VM cannot answer; nothing changes in it until it wakes anyway.
  const reconcileTimer = setInterval(() => saver.paused() || forwarder.schedule(), 30_000);
  qmp.on('close', () => {
    clearInterval(reconcileTimer);
    saver.stop();
    const now = readRunState(paths) ?? state;
    // Now, whoever asked for the stop: that Berth may have been killed since, and the CLI would point at a dead socket.
    if (now.switchedContext) restoreContext(now.previousContext);
    if (now.stopRequested) {
      // Berth or `berth vm stop` asked; it cleans up after QEMU itself.
      log('QEMU exited');
      return finish(0);
    }
    const clean = tailLines(paths.serialLog, 5).some((l) => l.includes('berth-vm: shutting down'));
    if (clean) {
      log('the VM shut down from inside');
      writeLastExit(paths, { at: new Date().toISOString(), expected: true, message: 'The VM was shut down from inside.' });
    } else {
      log('QEMU exited unexpectedly');
      const why = [...tailLines(paths.qemuLog, 3), ...tailLines(paths.serialLog, 3)].join(' / ');
      writeLastExit(paths, { at: new Date().toISOString(), expected: false, message: `The VM stopped unexpectedly: QEMU exited without being asked to.${why ? ` Last messages: ${why}` : ''}` });
    }
    cleanupRunFiles(paths);
    finish(0);
  });
  log(`supervising the VM (qemu pid ${state.qemuPid}, engine port ${state.dockerPort})`);
  saver.start();
  void followEvents(docker, forwarder, saver, () => done);
}
