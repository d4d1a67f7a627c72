// Berth in a process of its own, configured as `berth start` is, so the memory benchmark measures it alone.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config';
import { startBerth } from '../server/main';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = loadConfig(process.argv.slice(2), process.env, root);
// `berth start` would build a missing or stale UI first (minutes); the benchmark serves what is built, or the API only.
const ui = existsSync(join(root, process.env.BERTH_DIST_DIR || '.next', 'BUILD_ID'));
const berth = await startBerth(config, { ui, quiet: true });
process.send?.({ ui });
process.on('SIGTERM', () => {
  void berth.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
});
