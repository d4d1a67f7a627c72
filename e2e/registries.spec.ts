// Registries end to end: Settings → Registries against a real registry, a wrong then the right password, sign out; viewers see none of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_DIR, e2eRegistry, expect, screenshots, signIn, test, uniqueName } from './fixtures';

async function openSignIn(page: Page) {
  await page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true }).click();
  return page.getByRole('dialog', { name: 'Sign in to a registry' });
}

test('an admin signs in to a registry with a wrong then the right password, sees it listed and signs out', async ({ page }) => {
  const registry = e2eRegistry();
  await signIn(page, '/settings/registries');
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Registries' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Not signed in to any registry')).toBeVisible();

  const dialog = await openSignIn(page);
  await expect(dialog.getByLabel('Registry')).toHaveValue('docker.io');
  await dialog.getByLabel('Registry').fill(registry.host);
  await dialog.getByLabel('User name').fill(registry.user);
  await dialog.getByLabel('Password').fill('not the password');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(`Could not sign in to ${registry.host}: incorrect username or password.`);
  await expect(page.locator(`[data-registry-row="${registry.host}"]`)).toHaveCount(0);

  await dialog.getByLabel('Password').fill(registry.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Signed in to ${registry.host} as ${registry.user}.` })).toBeVisible();
  const row = page.locator(`[data-registry-row="${registry.host}"]`);
  await expect(row.getByRole('cell', { name: registry.user, exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'config file', exact: true })).toBeVisible();
  // Kept where the docker CLI of Berth's user finds it, and never shown to the browser.
  const config = JSON.parse(readFileSync(join(E2E_DIR, 'docker-config', 'config.json'), 'utf8'));
  expect(config.auths[registry.host].auth).toBe(Buffer.from(`${registry.user}:${registry.password}`).toString('base64'));
  expect(await page.content()).not.toContain(registry.password);
  await screenshots(page, 'settings-registries');

  await row.getByRole('button', { name: `Sign out of ${registry.host}` }).click();
  await page.getByRole('dialog', { name: `Sign out of ${registry.host}?` }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Signed out of ${registry.host}.` })).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByText('Not signed in to any registry')).toBeVisible();
});

test('?server= opens the sign-in form for that registry', async ({ page }) => {
  const registry = e2eRegistry();
  await signIn(page, `/settings/registries?server=${encodeURIComponent(registry.host)}`);
  const dialog = page.getByRole('dialog', { name: 'Sign in to a registry' });
  await expect(dialog.getByLabel('Registry')).toHaveValue(registry.host);
  await expect(dialog.getByLabel('User name')).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/settings\/registries$/);
});

test('a viewer sees no registry settings', async ({ page, browser }) => {
  const user = uniqueName('regviewer').replace(/[^a-zA-Z0-9._@-]/g, '');
  const password = 'a long viewer password';
  await signIn(page, '/settings/access?tab=users');
  await page.getByRole('button', { name: 'Add user' }).click();
  const add = page.getByRole('dialog', { name: 'Add user' });
  await add.getByLabel('User name').fill(user);
  await add.getByLabel('Role').selectOption('viewer');
  await add.getByLabel('Password').fill(password);
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add).toBeHidden();

  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto('/login');
  await viewer.getByLabel('User name').fill(user);
  await viewer.getByLabel('Password').fill(password);
  await viewer.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(viewer).toHaveURL(/\/e\/default\/containers$/);
  await viewer.goto(`/settings/registries?server=${encodeURIComponent(e2eRegistry().host)}`);
  await expect(viewer.getByRole('main').getByRole('alert')).toHaveText(/^Only an admin can see this\./);
  await expect(viewer.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
  await expect(viewer.getByRole('dialog')).toHaveCount(0);
  await viewer.context().close();
});
