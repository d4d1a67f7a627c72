// The `berth` command: start the server, or make a new admin token.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Access } from './auth/access';
import { ConfigError, isLoopback, loadConfig } from './config';
import { vmCommand } from './vm/cli';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UI_DIRS = ['app', 'components', 'lib', 'public'];
const UI_FILES = ['next.config.mjs', 'postcss.config.mjs', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the UI when there is no build yet, the sources are newer than it, or it was built for another base path. */
function ensureBuild(basePath = ''): void {
  const dist = process.env.BERTH_DIST_DIR || '.next';
  const buildId = join(ROOT, dist, 'BUILD_ID');
  const marker = join(ROOT, dist, 'berth-base-path');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const builtFor = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
  const sources = Math.max(...UI_DIRS.map((d) => newestMtime(join(ROOT, d))), ...UI_FILES.map((f) => newestMtime(join(ROOT, f))));
  if (built && built >= sources && builtFor === basePath) return;
  console.log(built ? 'berth: the UI changed since the last build; building it…' : 'berth: building the UI (first start only)…');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BERTH_BASE_PATH: basePath },
  });
  if (r.status !== 0) {
    console.error('berth: the UI build failed; see the messages above.');
    process.exit(1);
  }
  writeFileSync(marker, basePath);
}

async function start(argv: string[]): Promise<void> {
  const config = loadConfig(argv, process.env, ROOT);
  if (!config.dev) ensureBuild(config.basePath);
  // Loaded here, not at the top: `berth vm supervise` lives as long as the VM and needs none of the web server.
  const { startBerth } = await import('./main');
  const berth = await startBerth(config);
  console.log(`berth: listening on ${berth.url} (state in ${config.home})`);
  if (!isLoopback(config.host)) {
    console.warn(`berth: WARNING: listening on ${config.host}: anyone who can reach this port can try to sign in, and an admin of Berth controls Docker on this machine.`);
  }
  if (berth.access.newToken) {
    console.log(`berth: open this link to sign in:\n\n    ${berth.url}/login?token=${berth.access.newToken}\n`);
  } else if (!config.token) {
    console.log('berth: sign in with the token printed at first start, or run "berth token" to make a new one.');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`berth: ${signal} received, shutting down`);
    berth.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const [command = 'start', ...rest] = process.argv.slice(2);
  switch (command) {
    case 'start':
      return start(rest);
    case 'token': {
      const config = loadConfig([], process.env, ROOT);
      const token = Access.resetToken(config.home);
      console.log(`berth: new admin token made; earlier admin sessions are signed out. Sign in with:\n\n    http://127.0.0.1:${config.port}${config.basePath}/login?token=${token}\n`);
      return;
    }
    case 'build':
      ensureBuild(loadConfig(rest, process.env, ROOT).basePath);
      return;
    case 'vm':
      try {
        await vmCommand(rest, loadConfig([], process.env, ROOT).home, ROOT);
      } catch (err) {
        throw new ConfigError((err as Error).message);
      }
      return;
    case '--help':
    case '-h':
    case 'help':
      console.log('Usage:\n  berth start [--port N] [--host ADDR] [--tls-cert F --tls-key F] [--insecure-no-tls] [--base-path /P]\n                       start the dashboard (default 127.0.0.1:7627)\n  berth token          make a new admin token and print its sign-in link\n  berth build          build the UI\n  berth vm start|stop|restart|status|build|logs [console|dockerd|qemu|supervisor]\n                       run Berth\'s own Linux VM with Docker Engine inside');
      return;
    default:
      throw new ConfigError(`Unknown command "${command}". Run "berth help".`);
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`berth: ${err.message}`);
  else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`berth: port ${(err as { port?: number }).port ?? ''} is already in use on this machine; choose another with --port.`);
  else if ((err as NodeJS.ErrnoException).code === 'EACCES') console.error('berth: not allowed to listen on that port (ports below 1024 need privileges); choose another with --port.');
  else console.error('berth:', err);
  process.exit(1);
});
