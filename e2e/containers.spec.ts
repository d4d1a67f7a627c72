import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

test('a container started on the engine shows up, stops from the UI, and the state changes without a reload', async ({ page, docker }) => {
  const name = uniqueName('e2e-web');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['httpd', '-f', '-p', '80'],
    StopSignal: 'SIGKILL',
    ExposedPorts: { '80/tcp': {} },
    Labels: { 'com.docker.compose.project': 'e2eshop', 'com.docker.compose.service': 'web' },
    HostConfig: { NetworkMode: 'berth-test', PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  await c.start();
  try {
    await signIn(page, '/e/default/containers');
    const row = page.locator(`[data-container-row="${name}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByText('running', { exact: true })).toBeVisible();
    await expect(page.getByText('e2eshop')).toBeVisible();
    const port = (await c.inspect()).NetworkSettings.Ports['80/tcp']![0]!.HostPort;
    await expect(row.getByRole('link', { name: `${port}:80` })).toHaveAttribute('href', `http://127.0.0.1:${port}`);
    await screenshots(page, 'containers');

    await page.getByRole('button', { name: `Stop ${name}` }).click();
    await expect(row.getByText('exited', { exact: true })).toBeVisible();
    await expect(page.getByText(`${name} stopped.`)).toBeVisible();
    expect((await c.inspect()).State.Running).toBe(false);

    await page.goto(`/e/default/containers/${name}/env`);
    await page.reload();
    await expect(page).toHaveURL(new RegExp(`/e/default/containers/${name}/env$`));
    await expect(page.getByRole('link', { name: 'Environment' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await page.getByRole('link', { name: 'Inspect' }).click();
    await expect(page.getByText('Raw JSON')).toBeVisible();
    await screenshots(page, 'container-inspect');
  } finally {
    await c.remove({ force: true });
  }
});

test('the filter lives in the URL and survives a reload', async ({ page, docker }) => {
  const keep = uniqueName('filter-keep');
  const other = uniqueName('filter-other');
  const a = await docker.createContainer({ name: keep, Image: TEST_IMAGE, Cmd: ['true'] });
  const b = await docker.createContainer({ name: other, Image: TEST_IMAGE, Cmd: ['true'] });
  try {
    await signIn(page, '/e/default/containers');
    await page.getByLabel('Filter containers').fill(keep);
    await expect(page).toHaveURL(new RegExp(`q=${keep}`));
    await page.reload();
    await expect(page.locator(`[data-container-row="${keep}"]`)).toBeVisible();
    await expect(page.locator(`[data-container-row="${other}"]`)).toHaveCount(0);
    await expect(page.getByLabel('Filter containers')).toHaveValue(keep);
  } finally {
    await a.remove({ force: true });
    await b.remove({ force: true });
  }
});

test('removing asks first and then removes; an unknown container says so', async ({ page, docker }) => {
  const name = uniqueName('e2e-remove');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  await c.start();
  await signIn(page, '/e/default/containers');
  await page.getByRole('button', { name: `Remove ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Force (stop it first if running)')).toBeChecked();
  await screenshots(page, 'containers-remove');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(page.locator(`[data-container-row="${name}"]`)).toHaveCount(0);
  await expect(docker.getContainer(name).inspect()).rejects.toThrow();

  await page.goto('/e/default/containers/no-such-container');
  await expect(page.getByText('Container no-such-container was not found on this engine.')).toBeVisible();
});

test('a container created while the list is open appears without polling, from the engine events', async ({ page, docker }) => {
  await signIn(page, '/e/default/containers');
  await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
  // Once the stream is up, a quiet engine means a quiet page: no list request at all.
  await page.waitForTimeout(1_500);
  let listed = 0;
  page.on('request', (r) => void (r.url().includes('containers.list') && listed++));
  await page.waitForTimeout(3_000);
  expect(listed).toBe(0);
  const name = uniqueName('e2e-event');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] });
  try {
    // Lists poll every 30 s only while the stream is down; well within that, the event brings the row.
    await expect(page.locator(`[data-container-row="${name}"]`)).toBeVisible({ timeout: 5_000 });
  } finally {
    await c.remove({ force: true });
  }
  await expect(page.locator(`[data-container-row="${name}"]`)).toHaveCount(0, { timeout: 5_000 });
});
