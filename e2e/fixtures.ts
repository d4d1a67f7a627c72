// Shared fixtures: the login URL Berth printed, a signed-in page, and dockerode to arrange engine state.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import Docker from 'dockerode';

export const E2E_DIR = process.env.BERTH_E2E_DIR!;
export const TEST_IMAGE = 'berth-test/busybox:latest';

export function loginUrl(): string {
  return readFileSync(join(E2E_DIR, 'login-url'), 'utf8').trim();
}

export async function signIn(page: Page, next = '/'): Promise<void> {
  const url = new URL(loginUrl());
  url.searchParams.set('next', next);
  await page.goto(url.pathname + url.search);
}

/** The private registry e2e/serve.ts started: "127.0.0.1:PORT" and the one account it accepts. */
export function e2eRegistry(): { host: string; user: string; password: string } {
  return JSON.parse(readFileSync(join(E2E_DIR, 'registry.json'), 'utf8')) as { host: string; user: string; password: string };
}

/** The engine behind a docker context of the e2e server's docker config (the swarm's "swarm" and "swarm-worker"). */
export function contextDocker(name: string): Docker {
  const dir = createHash('sha256').update(name).digest('hex');
  const meta = JSON.parse(readFileSync(join(E2E_DIR, 'docker-config', 'contexts', 'meta', dir, 'meta.json'), 'utf8')) as { Endpoints: { docker: { Host: string } } };
  const host = meta.Endpoints.docker.Host;
  if (!host.startsWith('unix://')) throw new Error(`context ${name} is not a unix socket: ${host}`);
  return new Docker({ socketPath: host.slice('unix://'.length) });
}

let counter = 0;
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${counter++}`;
}

export const test = base.extend<{ docker: Docker; signedIn: Page }>({
  docker: async ({}, use) => {
    await use(new Docker({ socketPath: join(E2E_DIR, 'engine', 'docker.sock') }));
  },
  signedIn: async ({ page }, use) => {
    await signIn(page);
    await use(page);
  },
});

export { expect };

/** Saves a screenshot of the current page in both themes under test-results/screens/. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Colours animate (transition-colors) after the scheme flips; wait for them to settle.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join('test-results', 'screens', `${name}-${scheme}.png`), fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
