// The containers table live: CPU and memory per running container.
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
