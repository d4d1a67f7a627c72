import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

test('events filter by container, hide health-check execs until asked, and expand to every attribute', async ({ page, docker }) => {
  const name = uniqueName('e2e-events');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '3600'],
    Labels: { team: 'berth-e2e' },
    Healthcheck: { Test: ['CMD', 'true'], Interval: 1_000_000_000, Timeout: 1_000_000_000, Retries: 3 },
    StopSignal: 'SIGKILL',
  });
  await c.start();
  try {
    await signIn(page, `/e/default/events?container=${name}`);
    const table = page.getByRole('table');
    await expect(table.getByRole('cell', { name: 'start', exact: true })).toBeVisible();
    const show = page.getByRole('button', { name: /Show health-check execs \(\d+ hidden\)/ });
    await expect(show).toBeVisible({ timeout: 15_000 });
    await expect(table.getByText(/^exec_start/)).toHaveCount(0);
    await show.click();
    await expect(page).toHaveURL(/execs=1/);
    await expect(table.getByText(/^exec_start/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Hide health-check execs' }).click();

    await page.getByRole('button', { name: `All attributes of start ${name}` }).click();
    await expect(table.getByRole('definition').filter({ hasText: 'berth-e2e' })).toBeVisible();
    await screenshots(page, 'events');

    await page.getByLabel('Action').selectOption('create');
    await expect(table.getByRole('cell', { name: 'start', exact: true })).toHaveCount(0);
    await expect(table.getByRole('cell', { name: 'create', exact: true })).toBeVisible();
    await page.getByLabel('Container').fill('no-such-container');
    await expect(page.getByText('No event matches the filters')).toBeVisible();
  } finally {
    await c.remove({ force: true });
  }
});
