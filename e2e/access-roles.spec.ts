import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

const MUTATING = /^(Stop|Start|Remove|Restart|Kill|Pause|Unpause)\b/;

test('a viewer sees containers and logs but no button that changes anything', async ({ page, browser, docker }) => {
  const name = uniqueName('viewer-sees');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo hello-viewer; sleep 3600'], StopSignal: 'SIGKILL' });
  await c.start();
  const user = uniqueName('viewer').replace(/[^a-z0-9-]/g, '');
  try {
    await signIn(page, '/settings/access');
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('User name').fill(user);
    await dialog.getByLabel('Password (at least 12 characters)').fill('a long viewer password');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByText(`${user} can now sign in as viewer.`)).toBeVisible();
    await screenshots(page, 'settings-access');

    const context = await browser.newContext();
    const viewer = await context.newPage();
    await viewer.goto('/login');
    await viewer.getByLabel('User name').fill(user);
    await viewer.getByLabel('Password').fill('a long viewer password');
    await viewer.getByRole('button', { name: 'Sign in with password' }).click();
    await expect(viewer).toHaveURL(/\/e\/default\/containers$/);
    await expect(viewer.locator(`[data-container-row="${name}"]`)).toBeVisible();
    await expect(viewer.getByRole('button', { name: MUTATING })).toHaveCount(0);
    await viewer.goto(`/e/default/containers/${name}/logs`);
    await expect(viewer.getByRole('log').getByText('hello-viewer')).toBeVisible();
    await expect(viewer.getByRole('button', { name: MUTATING })).toHaveCount(0);
    await expect(viewer.getByRole('link', { name: 'Settings' })).toHaveCount(0);
    await screenshots(viewer, 'viewer-logs');
    await context.close();
  } finally {
    await c.remove({ force: true });
  }
});

test('a share link opens its container in a fresh browser, and nothing else', async ({ page, browser, docker }) => {
  const mine = uniqueName('shared');
  const other = uniqueName('not-shared');
  const a = await docker.createContainer({ name: mine, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo shared-hello; sleep 3600'], StopSignal: 'SIGKILL' });
  const b = await docker.createContainer({ name: other, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  await a.start();
  await b.start();
  try {
    await signIn(page, '/settings/access');
    await page.getByRole('button', { name: 'New share link' }).click();
    const dialog = page.getByRole('dialog', { name: 'New share link' });
    await dialog.getByLabel('Name').fill('on call');
    await dialog.getByRole('combobox', { name: /^Container/ }).selectOption(mine);
    await dialog.getByRole('button', { name: 'Make link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link', exact: true }).inputValue();
    expect(link).toMatch(/\/s\/share_/);

    const context = await browser.newContext();
    const guest = await context.newPage();
    await guest.goto(link);
    await expect(guest).toHaveURL(new RegExp(`/e/default/containers/${mine}/logs$`));
    await expect(guest.getByRole('log').getByText('shared-hello')).toBeVisible();
    await expect(guest.getByRole('button', { name: MUTATING })).toHaveCount(0);
    const refused = await guest.goto(`/e/default/containers/${other}/logs`);
    expect(refused?.status()).toBe(403);
    await expect(guest.getByText('This share link opens only the page it was made for.')).toBeVisible();
    expect((await guest.goto('/e/default/images'))?.status()).toBe(403);
    await context.close();

    await page.goto('/settings/audit');
    await expect(page.getByRole('cell', { name: 'access.createShare' }).first()).toBeVisible();
    await screenshots(page, 'settings-audit');
  } finally {
    await a.remove({ force: true });
    await b.remove({ force: true });
  }
});

test('names, labels and output holding HTML are shown as text and never run', async ({ page, docker }) => {
  const name = uniqueName('html');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'echo "<b>bold</b><img src=x onerror=window.__pwned=3>"; sleep 3600'],
    Labels: { x: '<img src=x onerror="window.__pwned=1">', y: '<script>window.__pwned=2</script>' },
    StopSignal: 'SIGKILL',
  });
  await c.start();
  try {
    await signIn(page, `/e/default/containers/${name}/labels`);
    await expect(page.getByText('<img src=x onerror="window.__pwned=1">')).toBeVisible();
    await expect(page.getByText('<script>window.__pwned=2</script>')).toBeVisible();
    await page.getByRole('navigation', { name: 'Container' }).getByRole('link', { name: 'Logs' }).click();
    await expect(page.getByRole('log').getByText('<b>bold</b><img src=x onerror=window.__pwned=3>')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
  } finally {
    await c.remove({ force: true });
  }
});
