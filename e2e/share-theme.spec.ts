import type { Page } from '@playwright/test';
import { TEST_IMAGE, expect, loginUrl, screenshots, signIn, test, uniqueName } from './fixtures';

const adminToken = () => new URL(loginUrl()).searchParams.get('token')!;

async function makeShare(page: Page, body: Record<string, unknown>): Promise<string> {
  const res = await page.request.post('/api/trpc/access.createShare', { headers: { authorization: `Bearer ${adminToken()}` }, data: { expiresInHours: 1, engine: 'default', ...body } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { path: string } } }).result.data.path;
}

test('a share viewer sees only what the link grants, and a styled page with a way back anywhere else', async ({ browser, docker, page }) => {
  const mine = uniqueName('shared-view');
  const a = await docker.createContainer({ name: mine, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo shared-hello; sleep 3600'], StopSignal: 'SIGKILL' });
  await a.start();
  const guest = await (await browser.newContext()).newPage();
  try {
    await guest.goto(await makeShare(page, { name: uniqueName('share'), kind: 'container', target: mine }));
    await expect(guest).toHaveURL(new RegExp(`/e/default/containers/${mine}/logs$`));
    await expect(guest.getByRole('log').getByText('shared-hello')).toBeVisible();
    const nav = guest.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: mine })).toBeVisible();
    for (const name of ['Images', 'Volumes', 'Networks', 'Disk', 'Events', 'Engine', 'Berth VM', 'Settings', 'Containers', 'Logs']) {
      await expect(nav.getByRole('link', { name, exact: true }), name).toHaveCount(0);
    }
    // Nothing on the page is refused ("does not reach", "Only an admin").
    await expect(guest.getByText(/does not reach|Only an admin|FORBIDDEN/)).toHaveCount(0);
    await screenshots(guest, 'share-viewer-logs');

    expect((await guest.goto('/e/default/images'))?.status()).toBe(403);
    await expect(guest.getByRole('heading', { name: 'Not part of this share link' })).toBeVisible();
    await screenshots(guest, 'share-viewer-out-of-scope');
    await guest.getByRole('link', { name: `Back to ${mine}` }).click();
    await expect(guest).toHaveURL(new RegExp(`/e/default/containers/${mine}/logs$`));
    await expect(guest.getByRole('log').getByText('shared-hello')).toBeVisible();
  } finally {
    await guest.context().close();
    await a.remove({ force: true });
  }
});

test('a project share shows its containers and logs only', async ({ browser, docker, page }) => {
  const project = uniqueName('proj');
  const c = await docker.createContainer({ name: `${project}-web-1`, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web' }, StopSignal: 'SIGKILL' });
  await c.start();
  const guest = await (await browser.newContext()).newPage();
  try {
    await guest.goto(await makeShare(page, { name: uniqueName('share'), kind: 'project', target: project }));
    const nav = guest.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Containers', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Logs', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Images', exact: true })).toHaveCount(0);
    expect((await guest.goto('/vm'))?.status()).toBe(403);
    await expect(guest.getByRole('link', { name: `Back to ${project}` })).toBeVisible();
  } finally {
    await guest.context().close();
    await c.remove({ force: true });
  }
});

test('the theme chosen in Settings → General is kept for the user and rendered with the page', async ({ page }) => {
  await signIn(page, '/settings/general');
  const themes = page.getByRole('radiogroup', { name: 'Theme' });
  await expect(themes.getByRole('radio', { name: /System/ })).toHaveAttribute('aria-checked', 'true');
  try {
    await themes.getByRole('radio', { name: /Dark/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(themes.getByRole('radio', { name: /Dark/ })).toHaveAttribute('aria-checked', 'true');
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(15, 16, 18)');
    await page.screenshot({ path: 'test-results/screens/settings-general-dark-chosen.png' });
    // The server renders the next page dark already: no light flash before scripts run.
    const html = await (await page.request.get('/e/default/containers')).text();
    expect(html).toMatch(/<html lang="en" data-theme="dark"/);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(themes.getByRole('radio', { name: /Dark/ })).toHaveAttribute('aria-checked', 'true');

    await themes.getByRole('radio', { name: /Light/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'light' });
  } finally {
    await themes.getByRole('radio', { name: /System/ }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  }
  await screenshots(page, 'settings-general');
});
