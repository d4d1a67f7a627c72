// e2e: the disk page shows where the space goes, previews a cleanup, deletes after confirmation, and the totals drop.
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

test('the disk page previews a cleanup, deletes after confirmation, and the totals drop', async ({ page, docker }) => {
  const junk = uniqueName('disk-junk');
  const keptVolume = uniqueName('disk-data');
  // An unused volume with data: not touched unless volumes are ticked.
  await docker.createVolume({ Name: keptVolume });
  const filler = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo data > /v/f'], HostConfig: { Binds: [`${keptVolume}:/v`] } });
  await filler.start();
  await filler.wait();
  await filler.remove();
  // The page's event subscription is live once the server says it started (tRPC over the WebSocket).
  const subscribed = new Promise<void>((resolve) =>
    page.on('websocket', (ws) => ws.on('framereceived', (f) => String(f.payload).includes('"started"') && resolve())),
  );
  try {
    await signIn(page, '/e/default/disk');
    await expect(page.getByRole('heading', { name: 'Disk usage' })).toBeVisible();
    const total = page.locator('[data-total-size]');
    await expect(total).toBeVisible();
    const initial = Number(await total.getAttribute('data-total-size'));
    await subscribed;
    await page.waitForTimeout(300);
    // Usage grows while the page is open: the engine's events refresh it, no reload.
    const c = await docker.createContainer({ name: junk, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'dd if=/dev/urandom of=/tmp/junk bs=1024 count=2048 2>/dev/null'] });
    await c.start();
    await c.wait();
    await expect.poll(async () => Number(await total.getAttribute('data-total-size')), { timeout: 15_000 }).toBeGreaterThan(initial + 2_000_000);
    const before = Number(await total.getAttribute('data-total-size'));
    await expect(page.getByRole('region', { name: 'Where the space goes' })).toBeVisible();
    // The biggest items link to their pages.
    await expect(page.getByRole('region', { name: 'Biggest items' }).getByRole('link', { name: junk })).toHaveAttribute('href', `/e/default/containers/${junk}`);

    // Tables per category, sortable, with the tab and sort in the URL.
    await page.getByRole('tab', { name: /Containers/ }).click();
    await expect(page).toHaveURL(/tab=containers/);
    const table = page.getByRole('table', { name: 'Containers' });
    await table.getByRole('button', { name: 'Container' }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(table.getByRole('columnheader', { name: 'Container' })).toHaveAttribute('aria-sort', 'ascending');

    await page.getByRole('radio', { name: 'Keep all images' }).check();
    await page.getByRole('checkbox', { name: /Stopped containers/ }).check();
    await page.getByLabel('Container age').selectOption({ label: 'any age' });
    await page.getByRole('checkbox', { name: 'Networks no container uses' }).uncheck();
    await page.getByRole('checkbox', { name: 'Unused build cache' }).uncheck();
    await page.getByRole('button', { name: 'Preview' }).click();
    const list = page.getByRole('list', { name: 'Would be removed' });
    await expect(list.getByRole('link', { name: junk })).toBeVisible();
    await expect(list.getByText(keptVolume)).toHaveCount(0);
    await screenshots(page, 'disk-preview');

    await page.getByRole('button', { name: /^Delete \d+ items?$/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('checked again just before it is removed');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const result = page.getByRole('status', { name: 'Cleanup result' });
    await expect(result).toContainText('Removed');
    await expect(result).toContainText('less');
    await expect.poll(async () => Number(await total.getAttribute('data-total-size'))).toBeLessThan(before - 2_000_000);
    await expect(docker.getContainer(junk).inspect()).rejects.toThrow();
    await expect(docker.getVolume(keptVolume).inspect()).resolves.toBeTruthy();
    await screenshots(page, 'disk-after');
  } finally {
    await docker.getContainer(junk).remove({ force: true }).catch(() => {});
    await docker.getVolume(keptVolume).remove().catch(() => {});
  }
});

test('an unknown engine gets a sentence, not a blank page', async ({ page }) => {
  await signIn(page, '/e/nope/disk');
  await expect(page.getByRole('alert').filter({ hasText: 'There is no engine called "nope"' })).toBeVisible();
});
