// Berth behind a reverse proxy at /berth: every link, asset, API call and stream stays under the sub-path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { E2E_DIR, TEST_IMAGE, expect, screenshots, test, uniqueName } from './fixtures';

const ORIGIN = `http://127.0.0.1:${process.env.BERTH_E2E_BASE_PORT}`;

test('at /berth: sign-in, navigation, assets, a stop and live logs all stay under the sub-path', async ({ page }) => {
  const docker = new Docker({ socketPath: join(E2E_DIR, 'base', 'engine', 'docker.sock') });
  const name = uniqueName('e2e-base');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'i=0; while true; do echo "beat $i"; i=$((i+1)); usleep 300000; done'],
    StopSignal: 'SIGKILL',
  });
  await c.start();
  const outside: string[] = [];
  const failed: string[] = [];
  const sockets: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === ORIGIN && !u.pathname.startsWith('/berth/') && u.pathname !== '/berth') outside.push(u.pathname);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(ORIGIN) && r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
  try {
    const login = readFileSync(join(E2E_DIR, 'base', 'login-url'), 'utf8').trim();
    expect(new URL(login).pathname).toBe('/berth/login');
    await page.goto(login);
    await expect(page).toHaveURL(new RegExp(`^${ORIGIN}/berth/e/default/containers`));
    const row = page.locator(`[data-container-row="${name}"]`);
    await expect(row.getByText('running', { exact: true })).toBeVisible();
    await screenshots(page, 'base-path-containers');

    await page.getByRole('link', { name: 'Images' }).click();
    await expect(page).toHaveURL(`${ORIGIN}/berth/e/default/images`);
    await expect(page.getByText('berth-test/busybox').first()).toBeVisible();

    await page.getByRole('link', { name: 'Containers' }).click();
    await page.getByRole('button', { name: `Stop ${name}` }).click();
    await expect(row.getByText('exited', { exact: true })).toBeVisible();
    await c.start();

    await page.goto(`${ORIGIN}/berth/e/default/containers/${name}/logs`);
    await expect(page.getByRole('log', { name: 'Log lines' }).getByText(/^beat \d+$/).first()).toBeVisible();
    expect(sockets.length).toBeGreaterThan(0);
    for (const path of sockets) expect(path).toBe('/berth/api/trpc');

    await page.getByRole('link', { name: 'Berth VM' }).click();
    await expect(page).toHaveURL(`${ORIGIN}/berth/vm`);
    await expect(page.locator('[data-vm-state]').first()).toBeVisible();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${ORIGIN}/berth/login`));
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
  } finally {
    await c.remove({ force: true });
  }
});
