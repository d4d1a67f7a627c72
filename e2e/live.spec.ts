// The containers table live: CPU and memory per running container, and a windowed body for long lists.
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

test('a running container shows its CPU % and memory; a stopped one shows a dash', async ({ page, docker }) => {
  const busy = uniqueName('e2e-cpu');
  const idle = uniqueName('e2e-idle');
  const a = await docker.createContainer({ name: busy, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'while :; do :; done'], StopSignal: 'SIGKILL' });
  const b = await docker.createContainer({ name: idle, Image: TEST_IMAGE, Cmd: ['true'] });
  await a.start();
  try {
    await signIn(page, '/e/default/containers');
    const row = page.locator(`[data-container-row="${busy}"]`);
    await expect(row.locator('[data-col="cpu"]')).toHaveText(/^\d+\.\d %$/);
    await expect(row.locator('[data-col="memory"]')).toHaveText(/^\d+(\.\d+)? (B|kB|MB|GB)$/);
    const stopped = page.locator(`[data-container-row="${idle}"]`);
    await expect(stopped.locator('[data-col="cpu"]')).toHaveText('—');
    await expect(stopped.locator('[data-col="memory"]')).toHaveText('—');

    // Ticking figures keep the column where it is.
    const before = await row.locator('[data-col="cpu"]').boundingBox();
    await page.waitForTimeout(2_500);
    const after = await row.locator('[data-col="cpu"]').boundingBox();
    expect(after?.x).toBe(before?.x);
    expect(after?.width).toBe(before?.width);
    await screenshots(page, 'containers-usage');
  } finally {
    await a.remove({ force: true });
    await b.remove({ force: true });
  }
});

test('a long list renders only the rows in view, and scrolling, select-all and Tab still reach every row', async ({ page, docker }) => {
  test.setTimeout(180_000);
  const prefix = uniqueName('e2e-many');
  const names = Array.from({ length: 300 }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
  const created = [];
  for (let i = 0; i < names.length; i += 25) {
    created.push(...(await Promise.all(names.slice(i, i + 25).map((name) => docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] })))));
  }
  try {
    await signIn(page, `/e/default/containers?q=${prefix}`);
    await expect(page.locator(`[data-container-row="${names[0]}"]`)).toBeVisible();
    const rendered = await page.locator('tr[data-container-row]').count();
    expect(rendered).toBeLessThan(80);

    // The scrollbar is as long as all 300 rows: scrolling to the end shows the last one.
    const scroller = page.locator('main div.overflow-auto').first();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.locator(`[data-container-row="${names[299]}"]`)).toBeVisible();
    // Rows out of view are not rendered, except the one holding the list's tab stop (the first), kept for Tab.
    await expect(page.locator(`[data-container-row="${names[1]}"]`)).toHaveCount(0);
    await expect(page.locator(`[data-container-row="${names[0]}"]`)).not.toBeInViewport();

    await page.getByLabel('Select all').check();
    await expect(page.getByText('300 selected')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByText('300 selected')).toHaveCount(0);

    // The focused row stays when scrolled away from; the down arrow from it brings the next row back into view.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    const removeFirst = page.getByRole('button', { name: `Remove ${names[0]}` });
    await removeFirst.focus();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.locator(`[data-container-row="${names[299]}"]`)).toBeVisible();
    await expect(removeFirst).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator(`[data-container-row="${names[1]}"]`)).toBeFocused();
    await expect(page.locator(`[data-container-row="${names[1]}"]`)).toBeInViewport();

    // Keyboard: the list is one tab stop, and the arrow keys walk row by row past the rows rendered at first.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await page.getByLabel(`Select ${names[0]}`).focus();
    for (let i = 0; i < rendered + 3; i++) await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-container-row') ?? '');
    expect(names.indexOf(focused)).toBeGreaterThan(rendered);
    await expect(page.locator(`[data-container-row="${focused}"]`)).toBeInViewport();
  } finally {
    for (let i = 0; i < created.length; i += 25) await Promise.all(created.slice(i, i + 25).map((c) => c.remove({ force: true })));
  }
});
