// Playwright's web servers: a private dockerd with the test image, a three-node swarm (main server only), and the real
// `berth start` pointed at them.
// `serve.ts base` is a second one at the sub-path /berth, as behind a reverse proxy, from its own UI build.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNetwork, importBusybox, startTestEngine } from '../test/engine';
import { startTestRegistry, type TestRegistry } from '../test/registry';
import { provideVmImage } from '../test/vm-image';
import { startTestSwarm, writeSwarmContexts } from '../test/swarm';
import { haltVm } from '../server/vm/lifecycle';
import { vmPaths } from '../server/vm/paths';
import { defaultSettings, saveSettings } from '../server/vm/settings';

const base = process.argv[2] === 'base';
const root = process.env.BERTH_E2E_DIR!;
const dir = base ? join(root, 'base') : root;
const port = base ? process.env.BERTH_E2E_BASE_PORT! : process.env.BERTH_E2E_PORT!;
mkdirSync(join(dir, 'docker-config'), { recursive: true });
// A three-node swarm (docker contexts "swarm" for its manager, "swarm-worker" for a worker), started first: it takes longest.
const swarmStarting = base ? undefined : startTestSwarm({ dir: join(dir, 'swarm') });
swarmStarting?.catch(() => undefined);

// The VM starts from the UI in vm.spec.ts: give it the machine's cached image and a small footprint.
const vm = vmPaths(join(dir, 'home'));
if (!base) {
  await provideVmImage(vm);
  saveSettings(vm, { ...defaultSettings(vm), cpus: 1, memoryMiB: 1024, swapMiB: 0, diskMaxGiB: 8, shares: [] });
}

const engine = await startTestEngine({ dir: join(dir, 'engine') });
await importBusybox(engine.api);
await ensureNetwork(engine.api);
// A registry with sign-in for registries.spec.ts: its address and account are read back by e2eRegistry().
let registry: TestRegistry | undefined;
if (!base) {
  registry = await startTestRegistry({ dir: join(dir, 'registry') });
  writeFileSync(join(dir, 'registry.json'), JSON.stringify({ host: registry.host, user: registry.user, password: registry.password }));
}

const swarm = await swarmStarting;
if (swarm) writeSwarmContexts(join(dir, 'docker-config'), swarm);

const berth = spawn(process.execPath, ['bin/berth.mjs', 'start', '--port', port, ...(base ? ['--base-path', '/berth'] : [])], {
  env: {
    ...process.env,
    ...(base ? { BERTH_DIST_DIR: '.next-base' } : {}),
    BERTH_HOME: join(dir, 'home'),
    BERTH_DOCKER_SOCKET: engine.socket,
    DOCKER_CONFIG: join(dir, 'docker-config'),
    DOCKER_HOST: '',
    BERTH_TOKEN: '',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
berth.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  output += chunk.toString();
  const url = /(http:\/\/\S+\/login\?token=\S+)/.exec(output)?.[1];
  if (url) writeFileSync(join(dir, 'login-url'), url);
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (berth.exitCode === null) {
    const exited = new Promise((r) => berth.once('exit', r));
    berth.kill('SIGTERM');
    await exited;
  }
  // The VM outlives Berth by design; the tests end it.
  await haltVm(vm, { log: () => undefined, step: () => undefined }, { ...process.env, DOCKER_CONFIG: join(dir, 'docker-config') }, true);
  await Promise.all([registry?.stop(), engine.stop(), swarmStarting?.then((s) => s.stop(), () => undefined)]);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
berth.on('exit', (code) => {
  if (!stopping) {
    console.error(`berth exited unexpectedly with code ${code}`);
    void Promise.all([registry?.stop(), engine.stop(), swarm?.stop()]).then(() => process.exit(1));
  }
});
