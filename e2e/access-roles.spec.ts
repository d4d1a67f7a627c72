// Access end to end: a viewer sees no changing buttons, share links open one page only, tokens work once shown, HTML stays text, the audit log records it all.
import type { Browser, Page } from '@playwright/test';
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

const MUTATING = /^(Stop|Start|Remove|Restart|Kill|Pause)/;
const PASSWORD = 'a long viewer password';

/** A user name the server accepts (letters, digits, ".", "_", "@", "-"). */
const userName = (prefix: string) => uniqueName(prefix).replace(/[^a-zA-Z0-9._@-]/g, '');

async function addUser(page: Page, name: string, role: 'viewer' | 'admin', password: string): Promise<void> {
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('User name').fill(name);
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByText(`${name} can now sign in as ${role}.`)).toBeVisible();
  await expect(dialog).toBeHidden();
}

async function addShare(page: Page, name: string, container: string): Promise<string> {
  await page.getByRole('button', { name: 'New share link' }).click();
  const dialog = page.getByRole('dialog', { name: 'New share link' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Engine').selectOption('default');
  await dialog.getByLabel('Kind').selectOption('container');
  await dialog.getByLabel('Container', { exact: true }).selectOption(container);
  await dialog.getByRole('button', { name: '7 days' }).click();
  await expect(dialog.getByLabel('Expires in hours')).toHaveValue('168');
  await dialog.getByRole('button', { name: 'Make link' }).click();
  const link = await page.getByRole('textbox', { name: `Share link ${name}` }).inputValue();
  expect(link).toMatch(/^http:\/\/[^/]+\/s\/share_/);
  return link;
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test('a viewer signs in with a password and sees containers and logs, but no button that changes anything', async ({ page, browser, docker }) => {
  const name = uniqueName('viewer-sees');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo hello-viewer; sleep 3600'], StopSignal: 'SIGKILL' });
  await c.start();
  const user = userName('viewer');
  try {
    await signIn(page, '/settings/access?tab=users');
    await expect(page.getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');

    // The last admin stays an admin: the server's sentence arrives in a toast.
    const admin = page.locator('[data-user-row="admin"]');
    await admin.getByRole('button', { name: 'Make viewer' }).click();
    await page.getByRole('dialog', { name: 'Make yourself a viewer?' }).getByRole('button', { name: 'Make me a viewer' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'admin is the last admin: make another admin first.' })).toBeVisible();
    await admin.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove admin?' }).getByRole('button', { name: 'Remove user' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'admin is the last admin and cannot be removed.' })).toBeVisible();

    // A short password is refused with the server's sentence, beside the field.
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('User name').fill(user);
    await dialog.getByLabel('Password').fill('short');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('must be at least 12 characters');
    await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await addUser(page, user, 'viewer', PASSWORD);
    await expect(page.locator(`[data-user-row="${user}"]`).getByRole('cell', { name: 'viewer', exact: true })).toBeVisible();
    await expect(page.locator(`[data-user-row="${user}"]`).getByRole('cell', { name: 'set', exact: true })).toBeVisible();
    await screenshots(page, 'settings-access');

    const viewer = await freshPage(browser);
    await viewer.goto('/login');
    await viewer.getByLabel('User name').fill(user);
    await viewer.getByLabel('Password').fill(PASSWORD);
    await viewer.getByRole('button', { name: 'Sign in with password' }).click();
    await expect(viewer).toHaveURL(/\/e\/default\/containers$/);
    await expect(viewer.locator(`[data-container-row="${name}"]`)).toBeVisible();
    await expect(viewer.getByRole('button', { name: MUTATING })).toHaveCount(0);
    // A viewer's settings are their own: General only.
    await expect(viewer.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings/general');

    await viewer.goto(`/e/default/containers/${name}`);
    await expect(viewer.getByRole('heading', { name, exact: true })).toBeVisible();
    await expect(viewer.getByRole('button', { name: MUTATING })).toHaveCount(0);
    await viewer.getByRole('navigation', { name: 'Container' }).getByRole('link', { name: 'Logs' }).click();
    await expect(viewer.getByRole('log').getByText('hello-viewer')).toBeVisible();
    await expect(viewer.getByRole('button', { name: MUTATING })).toHaveCount(0);
    await screenshots(viewer, 'viewer-logs');

    // Settings are refused to a viewer with the server's sentence, and offer nothing to click.
    await viewer.goto('/settings/access');
    await expect(viewer.getByRole('main').getByRole('alert')).toHaveText(/^Only an admin can see this\./);
    await expect(viewer.getByRole('button', { name: 'Add user' })).toHaveCount(0);
    await viewer.goto('/settings/audit');
    await expect(viewer.getByRole('main').getByRole('alert')).toHaveText(/^Only an admin can see this\./);
    await screenshots(viewer, 'settings-viewer-refused');
    await viewer.context().close();
  } finally {
    await c.remove({ force: true });
  }
});

test('a share link opens its container in a fresh browser, nothing else, and stops when revoked', async ({ page, browser, docker }) => {
  const mine = uniqueName('shared');
  const other = uniqueName('not-shared');
  const a = await docker.createContainer({ name: mine, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo shared-hello; sleep 3600'], StopSignal: 'SIGKILL' });
  const b = await docker.createContainer({ name: other, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  await a.start();
  await b.start();
  const share = uniqueName('on call');
  try {
    await signIn(page, '/settings/access?tab=shares');
    const link = await addShare(page, share, mine);
    await expect(page.getByText('Copy it now: Berth keeps only a hash and cannot show it again.')).toBeVisible();
    const row = page.locator(`[data-share-row="${share}"]`);
    await expect(row).toContainText(`container ${mine}`);
    await expect(row).toContainText('active');
    await screenshots(page, 'settings-shares');

    const guest = await freshPage(browser);
    await guest.goto(link);
    await expect(guest).toHaveURL(new RegExp(`/e/default/containers/${mine}/logs$`));
    await expect(guest.getByRole('log').getByText('shared-hello')).toBeVisible();
    await expect(guest.getByRole('button', { name: MUTATING })).toHaveCount(0);
    for (const path of [`/e/default/containers/${other}`, `/e/default/containers/${other}/logs`, '/e/default/images', '/settings/access']) {
      expect((await guest.goto(path))?.status(), path).toBe(403);
      await expect(guest.getByText(/This share link opens only the page it was made for/)).toBeVisible();
    }

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: `Revoke the share link ${share}?` }).getByRole('button', { name: 'Revoke link' }).click();
    await expect(row).toContainText('revoked');
    await guest.goto(`/e/default/containers/${mine}/logs`);
    await expect(guest).toHaveURL(/\/login/);
    expect((await guest.goto(link))?.status()).toBe(404);
    await guest.context().close();
  } finally {
    await a.remove({ force: true });
    await b.remove({ force: true });
  }
});

test('an API token is shown once, works as a bearer token, and stops when revoked', async ({ page, request }) => {
  const name = uniqueName('ci');
  await signIn(page, '/settings/access?tab=tokens');
  await page.getByRole('button', { name: 'New token' }).click();
  const dialog = page.getByRole('dialog', { name: 'New API token' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Expires in days').fill('0');
  await dialog.getByRole('button', { name: 'Make token' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('must be at least 1 day');
  await expect(dialog.getByLabel('Expires in days')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Expires in days').fill('30');
  await dialog.getByRole('button', { name: 'Make token' }).click();
  const token = await page.getByRole('textbox', { name: `Token ${name}` }).inputValue();
  expect(token).toMatch(/^berth_/);
  await expect(page.getByText(`curl -H "Authorization: Bearer ${token}"`)).toBeVisible();
  await screenshots(page, 'settings-tokens');

  const headers = { authorization: `Bearer ${token}` };
  expect((await request.get('/api/trpc/engines.list', { headers })).status()).toBe(200);
  const row = page.locator(`[data-token-row="${name}"]`);
  await expect(row).toContainText('active');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('textbox', { name: `Token ${name}` })).toHaveCount(0);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog', { name: `Revoke the token ${name}?` }).getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('revoked');
  expect((await request.get('/api/trpc/engines.list', { headers })).status()).toBe(401);
});

test('labels and a command holding HTML are shown as text and never run', async ({ page, docker }) => {
  const name = uniqueName('html');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'echo "<b>bold</b>"; sleep 3600'],
    Labels: { x: '<img src=x onerror="window.__pwned=1">', y: '<script>window.__pwned=2</script>' },
    StopSignal: 'SIGKILL',
  });
  await c.start();
  try {
    await signIn(page, `/e/default/containers/${name}/inspect`);
    // The command is shown as an argv, each argument quoted when it holds spaces or quotes.
    await expect(page.getByText('sh -c "echo \\"<b>bold</b>\\"; sleep 3600"')).toBeVisible();
    await page.getByRole('navigation', { name: 'Container' }).getByRole('link', { name: 'Labels' }).click();
    await expect(page.getByText('<img src=x onerror="window.__pwned=1">')).toBeVisible();
    await expect(page.getByText('<script>window.__pwned=2</script>')).toBeVisible();
    await page.getByRole('navigation', { name: 'Container' }).getByRole('link', { name: 'Logs' }).click();
    await expect(page.getByRole('log').getByText('<b>bold</b>')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main b').count()).toBe(0);
  } finally {
    await c.remove({ force: true });
  }
});

test('the audit log lists user and share link creation, filters in the URL and loads older entries', async ({ page, request, docker }) => {
  const user = userName('audited');
  const share = uniqueName('audited link');
  const name = uniqueName('audited');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  try {
    await signIn(page, '/settings/access?tab=users');
    await addUser(page, user, 'viewer', PASSWORD);
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Share links' }).click();
    await addShare(page, share, name);

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(/\/settings\/audit$/);
    const entries = page.getByRole('table', { name: 'Audit entries' });
    await expect(entries.getByRole('row').filter({ hasText: 'access.createUser' }).filter({ hasText: user })).toHaveCount(1);
    await expect(entries.getByRole('row').filter({ hasText: 'access.createShare' }).filter({ hasText: share })).toHaveCount(1);
    // Newest first: the share link was made after the user.
    const ids = await entries.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-audit-id'))));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    await expect(entries.getByRole('button')).toHaveCount(0);
    await screenshots(page, 'settings-audit');

    await page.getByLabel('Action').fill('access.createUser');
    await expect(page).toHaveURL(/action=access\.createUser/);
    await expect(entries.getByRole('row').filter({ hasText: 'access.createShare' })).toHaveCount(0);
    await expect(entries.getByRole('row').filter({ hasText: user })).toHaveCount(1);
    await page.reload();
    await expect(page.getByLabel('Action')).toHaveValue('access.createUser');
    await expect(entries.getByRole('row').filter({ hasText: user })).toHaveCount(1);

    // More than a page of refused changes, made with a token; "Load older" walks back by id.
    await page.goto('/settings/access?tab=tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByRole('dialog', { name: 'New API token' }).getByLabel('Name', { exact: true }).fill(uniqueName('audit'));
    await page.getByRole('dialog', { name: 'New API token' }).getByRole('button', { name: 'Make token' }).click();
    const token = await page.getByRole('textbox', { name: /^Token / }).inputValue();
    for (let i = 0; i < 101; i++) {
      const res = await request.post('/api/trpc/access.revokeToken', { headers: { authorization: `Bearer ${token}` }, data: { id: 999_999 } });
      expect(res.status()).toBe(404);
    }
    await page.goto('/settings/audit?action=access.revokeToken&result=error');
    await expect(entries.locator('tbody tr')).toHaveCount(100);
    await expect(entries.locator('tbody tr').first()).toContainText('There is no active token with id 999999.');
    await page.getByRole('button', { name: 'Load older' }).click();
    await expect.poll(() => entries.locator('tbody tr').count()).toBeGreaterThanOrEqual(101);
    const all = await entries.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-audit-id'))));
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((x, y) => y - x));
  } finally {
    await c.remove({ force: true });
  }
});
