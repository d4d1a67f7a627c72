// Pull and push from the browser: push a tagged image from its page, remove it, pull it back with per-layer bars; viewers see neither.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { buildLayeredImage } from '../test/layered-image';
import { E2E_DIR, TEST_IMAGE, e2eRegistry, expect, screenshots, signIn, test, uniqueName } from './fixtures';

/** Signs Berth in to the test registry as `docker login` would, keeping whatever else the config holds; returns the undo. */
function signInToRegistry(): () => void {
  const { host, user, password } = e2eRegistry();
  const file = join(E2E_DIR, 'docker-config', 'config.json');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const config = before ? (JSON.parse(before || '{}') as { auths?: Record<string, unknown> }) : {};
  config.auths = { ...config.auths, [host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } };
  writeFileSync(file, JSON.stringify(config, null, 2));
  // Other tests start from the sign-ins they expect.
  return () => (before === null ? rmSync(file, { force: true }) : writeFileSync(file, before));
}

const imagePage = (ref: string) => `/e/default/images/${encodeURIComponent(ref)}`;

test('push a tagged image from its page, remove it, and pull it back with per-layer progress', async ({ page, docker }) => {
  test.setTimeout(180_000);
  const { host } = e2eRegistry();
  const ref = `${host}/e2e/${uniqueName('layers')}:v1`;
  const signOut = signInToRegistry();
  await buildLayeredImage(docker, ref, { layers: 3, bytesPerLayer: 1_500_000 });
  try {
    await signIn(page, imagePage(ref));
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    const pushDialog = page.getByRole('dialog');
    await expect(pushDialog.getByLabel('Tag')).toHaveValue(ref);
    await pushDialog.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(pushDialog.getByText(`Push of ${ref} done`)).toBeVisible({ timeout: 60_000 });
    await expect(pushDialog.getByText(/Digest: sha256:/)).toBeVisible();
    await expect(pushDialog.getByRole('list', { name: 'Layers' }).getByRole('listitem')).toHaveCount(await layerCount(docker, ref));
    await screenshots(page, 'image-pushed');
    await pushDialog.getByRole('button', { name: 'Close' }).click();

    await docker.getImage(ref).remove({ force: true });
    await page.goto('/e/default/images');
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const pullDialog = page.getByRole('dialog', { name: 'Pull an image' });
    await pullDialog.getByLabel('Image').fill(ref);
    await pullDialog.getByRole('button', { name: 'Pull', exact: true }).click();
    const progress = page.getByRole('dialog', { name: `Pull ${ref}` });
    await expect(progress.getByText(`Pull of ${ref} done`)).toBeVisible({ timeout: 60_000 });
    const layers = progress.getByRole('list', { name: 'Layers' }).getByRole('listitem');
    await expect(layers.filter({ hasText: 'Pull complete' })).toHaveCount(3);
    await screenshots(page, 'image-pulled');
    // The operations list in the sidebar shows the pull that just finished.
    const operations = page.getByRole('region', { name: 'Operations' });
    await expect(operations.getByRole('button', { name: `Pull of ${ref} done` })).toBeVisible();
    await expect(operations.getByRole('button', { name: `Push of ${ref} done` })).toBeVisible();
    await progress.getByRole('button', { name: 'Close' }).click();
    await expect(page.locator(`[data-image="${ref}"]`)).toBeVisible();
    // On an 800 px window the sidebar keeps its icons: the operations become one button with their count.
    await page.setViewportSize({ width: 800, height: 900 });
    await expect(operations).toBeHidden();
    const compact = page.getByRole('button', { name: /^Operations: / });
    await expect(compact).toBeVisible();
    await screenshots(page, 'operations-800');
    await compact.click();
    await expect(page.getByRole('dialog', { name: /^(Pull|Push) / })).toBeVisible();
  } finally {
    signOut();
    await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
  }
});

test('a pull refused by the registry offers to sign in to it', async ({ page }) => {
  const { host } = e2eRegistry();
  const ref = `${host}/e2e/private-${uniqueName('x')}:v1`;
  // Berth holds no password for this registry in this test.
  const file = join(E2E_DIR, 'docker-config', 'config.json');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  writeFileSync(file, '{}');
  try {
    await signIn(page, '/e/default/images');
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.getByRole('dialog', { name: 'Pull an image' }).getByLabel('Image').fill(ref);
    await page.getByRole('dialog', { name: 'Pull an image' }).getByRole('button', { name: 'Pull', exact: true }).click();
    const progress = page.getByRole('dialog', { name: `Pull ${ref}` });
    await expect(progress.getByRole('alert')).toContainText(`denied by ${host}`);
    await expect(progress.getByRole('link', { name: `Sign in to ${host}` })).toHaveAttribute('href', `/settings/registries?server=${encodeURIComponent(host)}`);
  } finally {
    if (before !== null) writeFileSync(file, before);
  }
});

async function layerCount(docker: import('dockerode'), ref: string): Promise<number> {
  return (await docker.getImage(ref).inspect()).RootFS.Layers?.length ?? 0;
}

const PASSWORD = 'a long viewer password';

async function viewerPage(page: Page, browser: Browser): Promise<Page> {
  const name = uniqueName('pull-viewer').replace(/[^a-zA-Z0-9._@-]/g, '');
  await signIn(page, '/settings/access');
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('User name').fill(name);
  await dialog.getByLabel('Role').selectOption('viewer');
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto('/login');
  await viewer.getByLabel('User name').fill(name);
  await viewer.getByLabel('Password').fill(PASSWORD);
  await viewer.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(viewer).toHaveURL(/\/e\/default\/containers$/);
  return viewer;
}

test('a viewer sees no Pull or Push button and no operations', async ({ page, browser }) => {
  const viewer = await viewerPage(page, browser);
  await viewer.goto('/e/default/images');
  await expect(viewer.locator(`[data-image="${TEST_IMAGE}"]`)).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Pull', exact: true })).toHaveCount(0);
  await viewer.goto(imagePage(TEST_IMAGE));
  await expect(viewer.getByText('used by').or(viewer.getByText('unused')).first()).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Push', exact: true })).toHaveCount(0);
  await expect(viewer.getByRole('region', { name: 'Operations' })).toHaveCount(0);
});
