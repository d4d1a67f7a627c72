// `npm run bench [name…]`: Berth against the raw Docker API, measured side by side in one run on a private engine.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineRegistry } from '../server/engines/registry';
import { startBerth } from '../server/main';
import { ensureNetwork, importBusybox, startTestEngine } from '../test/engine';
import { benchBuild } from './build';
import { benchContainersList, benchContainersPage } from './containers';
import { benchDisk } from './disk';
import { benchExec, benchFiles } from './exec';
import { benchGuard } from './guard';
import { benchLogs } from './logs';
import { benchPull, benchPush } from './pull';
import { benchPullPage } from './pull-page';
import { benchSwarm } from './swarm';
import { benchVm } from './vm';
import type { BenchContext } from './context';


const BENCHES: Record<string, (ctx: BenchContext) => Promise<void>> = {
  list: benchContainersList,
  guard: benchGuard,
  logs: benchLogs,
  pull: benchPull,
  push: benchPush,
  pullpage: benchPullPage,
  disk: benchDisk,
  page: benchContainersPage,
  vm: benchVm,
  exec: benchExec,
  files: benchFiles,
  build: benchBuild,
  swarm: benchSwarm,
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(BENCHES);
for (const n of names) if (!BENCHES[n]) throw new Error(`unknown benchmark "${n}"; known: ${Object.keys(BENCHES).join(', ')}`);

const home = mkdtempSync(join(tmpdir(), 'berth-bench-'));
const engine = await startTestEngine();
const token = 'bench-token';
const registry = new EngineRegistry({ env: { DOCKER_CONFIG: home } as unknown as NodeJS.ProcessEnv, homeDir: home, socketPath: engine.socket });
let berth: Awaited<ReturnType<typeof startBerth>> | undefined;
try {
  await importBusybox(engine.api);
  await ensureNetwork(engine.api);
  berth = await startBerth({ port: 0, host: '127.0.0.1', home, token, allowedHosts: [], dev: false, root }, { registry, quiet: true, ui: names.includes('page') || names.includes('pullpage') || (names.includes('swarm') && existsSync(join(root, '.next', 'BUILD_ID'))) });
  const address = berth.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const os = await import('node:os');
  console.log(`Berth benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
  for (const name of names) {
    await BENCHES[name]!({
      engine,
      registry,
      port,
      token,
      async sessionCookie() {
        const res = await fetch(`http://127.0.0.1:${port}/login?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
        return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      },
      report(title, rows) {
        console.log(`\n${title}`);
        const width = Math.max(...rows.map((r) => r[0].length));
        for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
      },
    });
  }
} finally {
  await berth?.close();
  await engine.stop();
  rmSync(home, { recursive: true, force: true });
}
process.exit(0);
