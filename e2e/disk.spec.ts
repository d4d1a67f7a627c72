import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

test('the disk page previews a cleanup, deletes after confirmation, and the totals drop', async ({ page, docker }) => {
  const name = uniqueName('disk-junk');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'dd if=/dev/zero of=/tmp/junk bs=1024 count=2048 2>/dev/null'] });
  await c.start();
  await c.wait();
  try {
    await signIn(page, '/e/default/disk');
    const total = page.locator('[data-total-size]');
    await expect(total).toBeVisible();
    await expect.poll(async () => Number(await total.getAttribute('data-total-size'))).toBeGreaterThan(2_000_000);
    const before = Number(await total.getAttribute('data-total-size'));

    await page.getByLabel('Images to remove').selectOption('none');
    await page.getByRole('spinbutton', { name: 'Hours' }).fill('0');
    await page.getByRole('button', { name: 'Preview' }).click();
    const list = page.getByRole('list', { name: 'Would be removed' });
    await expect(list.getByText(name)).toBeVisible();
    await screenshots(page, 'disk-preview');
    await page.getByRole('button', { name: /^Delete \d+ items?$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Removed' })).toBeVisible();
    await expect.poll(async () => Number(await total.getAttribute('data-total-size'))).toBeLessThan(before - 2_000_000);
    await expect(docker.getContainer(name).inspect()).rejects.toThrow();
    await screenshots(page, 'disk-after');
  } finally {
    await c.remove({ force: true }).catch(() => {});
  }
});
