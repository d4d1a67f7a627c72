// The VM from the browser: start it with its progress, change its memory, see Docker Engine in it report the new value.
import { createServer } from 'node:net';
import { join } from 'node:path';
import Docker from 'dockerode';
import { importBusybox } from '../test/engine';
import { E2E_DIR, expect, screenshots, test, TEST_IMAGE } from './fixtures';

const vmDocker = () => new Docker({ socketPath: join(E2E_DIR, 'home', 'run', 'docker.sock') });
const MIB = 1024 * 1024;

test('start the VM from the UI, change its memory, and see it in docker info', async ({ signedIn: page }) => {
  test.setTimeout(480_000);
  await page.goto('/vm');
  await expect(page.getByText('Stopped', { exact: true }).first()).toBeVisible();
  await screenshots(page, 'vm-stopped');

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const progress = page.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect(page.getByRole('region', { name: 'Starting the VM' })).toContainText(/%/);
  await screenshots(page, 'vm-starting');
  await expect(page.locator('[data-vm-state="running"]').first()).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole('link', { name: /Containers in the VM/ })).toBeVisible();
  await screenshots(page, 'vm-running');

  const before = (await vmDocker().info()) as { MemTotal: number };
  expect(before.MemTotal).toBeLessThanOrEqual(1024 * MIB);

  const tabs = page.getByRole('navigation', { name: 'VM' });
  await tabs.getByRole('link', { name: 'Resources' }).click();
  const memory = page.getByLabel('Memory (MiB)');
  await memory.fill('100');
  await expect(page.getByText('The VM needs at least 512 MiB of memory.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Apply/ })).toBeDisabled();
  await memory.fill('1536');
  await screenshots(page, 'vm-resources');
  await page.getByRole('button', { name: 'Apply & restart' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply and restart the VM?' });
  await dialog.getByRole('button', { name: 'Apply & restart' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Applied; the VM restarted with the new settings.' })).toBeVisible({ timeout: 240_000 });

  const after = (await vmDocker().info()) as { MemTotal: number };
  expect(after.MemTotal).toBeGreaterThan(1024 * MIB);
  expect(after.MemTotal).toBeLessThanOrEqual(1536 * MIB);

  // A port already taken on this machine is reported on the container's page.
  const port = 19_000 + (process.pid % 1000);
  const taken = createServer();
  await new Promise<void>((r) => taken.listen(port, '127.0.0.1', r));
  try {
    await importBusybox(vmDocker());
    const c = await vmDocker().createContainer({
      name: 'clash',
      Image: TEST_IMAGE,
      Cmd: ['httpd', '-f', '-p', '8000'],
      ExposedPorts: { '8000/tcp': {} },
      HostConfig: { PortBindings: { '8000/tcp': [{ HostPort: String(port) }] } },
    });
    await c.start();
    await page.goto('/e/vm/containers/clash');
    await expect(page.getByRole('alert').filter({ hasText: `Port ${port}/tcp on 127.0.0.1 is already in use on this machine` })).toBeVisible({ timeout: 30_000 });
    await screenshots(page, 'vm-container-port-taken');
    await c.remove({ force: true });
  } finally {
    taken.close();
  }
  await page.goto('/vm');

  await tabs.getByRole('link', { name: 'Disk' }).click();
  await expect(page.getByTestId('vm-disk-allocated')).toBeVisible();
  await expect(page.getByRole('table', { name: "Docker's usage inside the VM" })).toContainText('Images');
  await screenshots(page, 'vm-disk');
  // The VM engine's own disk page shows the same disk image beside Docker's usage and its cleanup.
  await page.getByRole('link', { name: 'the VM engine’s disk page' }).click();
  await expect(page).toHaveURL(/\/e\/vm\/disk$/);
  await expect(page.getByRole('region', { name: 'Disk image on this machine' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reclaim space' })).toBeEnabled();
  await screenshots(page, 'vm-engine-disk');
  await page.goto('/vm/disk');

  await tabs.getByRole('link', { name: 'Logs' }).click();
  await expect(page.getByLabel('Console log')).toContainText('starting dockerd');
  await page.getByRole('tab', { name: 'Docker Engine' }).click();
  await expect(page.getByLabel('Docker Engine log')).toContainText('API listen on');
  await screenshots(page, 'vm-logs');

  await tabs.getByRole('link', { name: 'Troubleshoot' }).click();
  await page.getByRole('button', { name: 'Reset…' }).click();
  const reset = page.getByRole('dialog', { name: 'Delete the VM’s data?' });
  await expect(reset.getByRole('button', { name: 'Reset' })).toBeDisabled();
  await screenshots(page, 'vm-troubleshoot');
  await reset.getByRole('button', { name: 'Cancel' }).click();

  await tabs.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.locator('[data-vm-state="stopped"]').first()).toBeVisible({ timeout: 90_000 });
});
