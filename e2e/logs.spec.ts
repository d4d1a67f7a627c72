import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

test('the log page follows a live container, highlights search matches and renders ANSI colours', async ({ page, docker }) => {
  const name = uniqueName('e2e-logs');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'i=0; while true; do echo "tick $i"; printf "\\033[31mred alert\\033[0m\\n"; i=$((i+1)); usleep 200000; done'],
    StopSignal: 'SIGKILL',
  });
  await c.start();
  try {
    await signIn(page, `/e/default/containers/${name}/logs`);
    const log = page.getByRole('log', { name: 'Log lines' });
    await expect(log.getByText('tick 3', { exact: true })).toBeVisible();
    // Still following: later lines keep arriving without any action.
    await expect(log.getByText('tick 12', { exact: true })).toBeVisible({ timeout: 10_000 });
    const red = log.getByText('red alert').first();
    await expect(red).toHaveCSS('color', 'rgb(239, 68, 68)');
    await expect(log).not.toContainText('\u001b[');
    await expect(log).not.toContainText('[31m');

    await page.getByLabel('Search logs').fill('tick 2');
    await expect(log.locator('mark', { hasText: 'tick 2' }).first()).toBeVisible();
    await page.getByLabel('Search logs').press('Enter');
    await expect(page.getByText(/^1 of \d+$/)).toBeVisible();
    await screenshots(page, 'logs');
  } finally {
    await c.remove({ force: true });
  }
});

test('the stats chart moves while a container works', async ({ page, docker }) => {
  const name = uniqueName('e2e-stats');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'while true; do :; done'], StopSignal: 'SIGKILL' });
  await c.start();
  try {
    await signIn(page, `/e/default/containers/${name}/stats`);
    const line = page.locator('[data-chart-line]').first();
    await expect(line).toBeVisible({ timeout: 15_000 });
    const before = await line.getAttribute('d');
    await page.waitForTimeout(3000);
    expect(await line.getAttribute('d')).not.toBe(before);
    await screenshots(page, 'stats');
  } finally {
    await c.remove({ force: true });
  }
});

test('a tab with 12 live streams still loads other pages quickly', async ({ page, docker }) => {
  const names = Array.from({ length: 12 }, () => uniqueName('e2e-many'));
  const made = await Promise.all(
    names.map(async (name) => {
      const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'while true; do echo "from $(hostname)"; usleep 250000; done'], StopSignal: 'SIGKILL' });
      await c.start();
      return c;
    }),
  );
  try {
    await signIn(page, `/e/default/logs?c=${names.join(',')}`);
    const log = page.getByRole('log', { name: 'Log lines' });
    for (const name of names) await expect(log.getByText(name, { exact: true }).first()).toBeVisible({ timeout: 15_000 });
    const t0 = Date.now();
    await page.getByRole('link', { name: 'Images' }).click();
    await expect(page.getByRole('heading', { name: 'Images' })).toBeVisible();
    expect(Date.now() - t0).toBeLessThan(10_000);
  } finally {
    await Promise.all(made.map((c) => c.remove({ force: true })));
  }
});

test('a long tail shows its end first and fills in the rest; "Load older" walks further back', async ({ page, docker }) => {
  const name = uniqueName('e2e-older');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'seq 1 3000 | sed "s/^/row /"'] });
  await c.start();
  await c.wait();
  try {
    await signIn(page, `/e/default/containers/${name}/logs?tail=2500`);
    const log = page.getByRole('log', { name: 'Log lines' });
    await expect(log.getByText('row 3000', { exact: true })).toBeVisible();
    const search = page.getByLabel('Search logs');
    await search.fill('row 501');
    await search.press('Enter');
    await expect(page.getByText(/^[01] of 1$/)).toBeVisible();
    await search.fill('row 499');
    await expect(page.getByText(/^0 of 0$/)).toBeVisible();

    await page.goto(`/e/default/containers/${name}/logs`);
    await expect(log.getByText('row 3000', { exact: true })).toBeVisible();
    await search.fill('row 1500');
    await expect(page.getByText(/^0 of 0$/)).toBeVisible();
    await log.getByRole('button', { name: 'Load older' }).click();
    await expect(page.getByText(/^[01] of 1$/)).toBeVisible();
    await log.getByRole('button', { name: 'Load older' }).click();
    await search.fill('row 999');
    await expect(page.getByText(/^[01] of 1$/)).toBeVisible();
  } finally {
    await c.remove({ force: true });
  }
});
