// End-to-end tests: the real Berth process against a private dockerd, driven in Debian's Chromium.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Set once in the runner; workers inherit the environment, so every process agrees on these.
process.env.BERTH_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'berth-e2e-'));
process.env.BERTH_E2E_PORT ??= String(17_000 + (process.pid % 2_000));
process.env.BERTH_E2E_BASE_PORT ??= String(Number(process.env.BERTH_E2E_PORT) + 1);
const port = Number(process.env.BERTH_E2E_PORT);
const basePort = Number(process.env.BERTH_E2E_BASE_PORT);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      command: 'npx tsx e2e/serve.ts',
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
    {
      // The same Berth behind a reverse proxy at /berth (its own UI build, see scripts/test.sh).
      command: 'npx tsx e2e/serve.ts base',
      url: `http://127.0.0.1:${basePort}/berth/api/health`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
  ],
});
