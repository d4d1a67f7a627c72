import { readFileSync } from 'node:fs';
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

const LINES = 5000;

test('search covers the whole log: a line older than the loaded window is found, kept in colour, and jumped to', async ({ page, docker }) => {
  const name = uniqueName('e2e-search');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', `seq 1 9 | sed "s/^/row /"; printf "\\033[32mold needle\\033[0m\\n"; seq 11 ${LINES} | sed "s/^/row /"`],
  });
  await c.start();
  await c.wait();
  try {
    await signIn(page, `/e/default/containers/${name}/logs?tail=1000`);
    const log = page.getByRole('log', { name: 'Log lines' });
    await expect(log.getByText(`row ${LINES}`, { exact: true })).toBeVisible();
    await expect(log).not.toContainText('needle');

    await page.getByLabel('Search logs').fill('needle');
    const results = page.getByRole('region', { name: 'Matches in the whole log' });
    await expect(results.getByRole('status')).toContainText(`Whole log: 1 match · ${LINES.toLocaleString('en')} lines searched`);
    const match = results.getByRole('button', { name: /Go to the line of/ });
    await expect(match.locator('mark')).toHaveText('needle');
    await expect(match.getByText('old ')).toHaveCSS('color', 'rgb(34, 197, 94)');
    await expect(page).toHaveURL(/[?&]q=needle(&|$)/);
    await screenshots(page, 'logs-search');

    await match.click();
    await expect(page).toHaveURL(/[?&]at=/);
    await expect(log.getByText('needle')).toBeVisible();
    // Its surroundings: the lines before it came too.
    await expect(log.getByText('row 9', { exact: true })).toBeVisible();
    await expect(log.getByText('row 11', { exact: true })).toBeVisible();
    await screenshots(page, 'logs-search-jump');

    // Search text, regex and stream filters survive a reload.
    await page.getByRole('button', { name: 'Regular expression' }).click();
    await page.getByLabel('Search logs').fill('^row 49[0-9]{2}$');
    await page.getByRole('button', { name: 'stderr' }).click();
    await expect(results.getByRole('status')).toContainText('Whole log: 100 matches');
    await page.reload();
    await expect(page.getByLabel('Search logs')).toHaveValue('^row 49[0-9]{2}$');
    await expect(page.getByRole('button', { name: 'Regular expression' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'stderr' })).toHaveAttribute('aria-pressed', 'false');
    await expect(results.getByRole('status')).toContainText('Whole log: 100 matches');
  } finally {
    await c.remove({ force: true });
  }
});

test('Download writes the whole log from the engine: as many lines as the engine holds', async ({ page, docker }) => {
  const name = uniqueName('e2e-download');
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', `seq 1 ${LINES} | sed "s/^/row /"; echo oops >&2`] });
  await c.start();
  await c.wait();
  try {
    const raw = (await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    let engineLines = 0;
    for (let at = 0; at + 8 <= raw.length; at += 8 + raw.readUInt32BE(at + 4)) {
      for (let i = at + 8; i < at + 8 + raw.readUInt32BE(at + 4); i++) if (raw[i] === 0x0a) engineLines++;
    }
    await signIn(page, `/e/default/containers/${name}/logs?tail=100`);
    await expect(page.getByRole('log', { name: 'Log lines' }).getByText(`row ${LINES}`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Download the log' });
    await expect(dialog).toBeVisible();
    await screenshots(page, 'logs-download');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(engineLines);
    expect(lines).toHaveLength(LINES + 1);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-.*\\.log$`));

    // Only stderr, this time.
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    await dialog.getByLabel('stdout').uncheck();
    const [second] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    expect(readFileSync((await second.path())!, 'utf8')).toBe('oops\n');
  } finally {
    await c.remove({ force: true });
  }
});
