import { expect, loginUrl, test } from './fixtures';

test('a visitor without a session is sent to the login page and back after signing in', async ({ page }) => {
  await page.goto('/e/default/images');
  await expect(page).toHaveURL(/\/login\?next=%2Fe%2Fdefault%2Fimages/);
  await expect(page.getByRole('heading', { name: 'Sign in to Berth' })).toBeVisible();

  await page.getByLabel('Token').fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('That token is not valid')).toBeVisible();

  const token = new URL(loginUrl()).searchParams.get('token')!;
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/e\/default\/images$/);
});

test('the login link Berth printed signs in and opens the current engine', async ({ page }) => {
  await page.goto(loginUrl());
  await expect(page).toHaveURL(/\/e\/default\/containers$/);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'berth_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');
});

test('the API refuses requests without a session and requests for a foreign host', async ({ request, baseURL }) => {
  const anonymous = await request.get('/api/trpc/engines.list');
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.message).toContain('Sign in');

  const rebinding = await request.get('/api/trpc/engines.list', { headers: { host: `attacker.example:${new URL(baseURL!).port}` } });
  expect(rebinding.status()).toBe(403);
});
