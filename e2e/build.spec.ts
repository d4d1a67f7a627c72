// Building an image in the browser: from a folder on Berth's machine (inside the allowed roots) and from a folder
// picked and uploaded, with the step output live, a failing step in red, and the link to the new image.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings, saveSettings } from '../server/vm/settings';
import { vmPaths } from '../server/vm/paths';
import { E2E_DIR, TEST_IMAGE, expect, test, uniqueName } from './fixtures';

const vm = vmPaths(join(E2E_DIR, 'home'));

function folder(root: string, files: Record<string, string>): string {
  const dir = join(root, uniqueName('app'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

test('builds from a folder on Berth’s machine, shows each step, and links to the new image', async ({ signedIn: page, docker }) => {
  // Three pages and a build without cache: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const root = join(E2E_DIR, 'build-root');
  mkdirSync(root, { recursive: true });
  const dir = folder(root, { Dockerfile: `FROM ${TEST_IMAGE}\nRUN echo built-in-the-browser\nRUN echo second-step\n` });
  const tag = `e2e-build/${uniqueName('app')}:1`;
  // The allowed roots default to the VM's shared directories; share the test's folder for this test only.
  const before = loadSettings(vm);
  saveSettings(vm, { ...before, shares: [root] });
  try {
    await page.goto('/e/default/images');
    await page.getByRole('link', { name: 'Build', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Build an image' })).toBeVisible();
    await expect(page.getByRole('button', { name: root, exact: true })).toBeVisible();
    await page.getByLabel('Folder', { exact: true }).fill(dir);
    await page.getByLabel('Tags').fill(tag);
    await page.getByLabel('No cache').check();
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const log = page.getByRole('log', { name: 'Build output' });
    await expect(log.locator('[data-kind="step"]', { hasText: 'Step 2/3 : RUN echo built-in-the-browser' })).toBeVisible();
    await expect(log).toContainText('second-step');
    await expect(page.getByRole('status').filter({ hasText: `Built ${tag}` })).toBeVisible({ timeout: 30_000 });
    const id = (await docker.getImage(tag).inspect()).Id;
    await page.getByRole('link', { name: 'Open the image' }).click();
    await expect(page).toHaveURL(new RegExp(`/images/${id.replace('sha256:', '')}$`));
    await expect(page.getByRole('heading', { name: tag })).toBeVisible();
    await docker.getImage(tag).remove({ force: true });
  } finally {
    saveSettings(vm, before);
  }
});

test('uploads a picked folder (its .dockerignore applied) and shows a failing step in red', async ({ signedIn: page, docker }) => {
  test.setTimeout(120_000);
  const dir = folder(join(E2E_DIR, 'uploads'), {
    Dockerfile: `FROM ${TEST_IMAGE}\nCOPY . /ctx\nRUN ls /ctx && exit 7\n`,
    'kept.txt': 'yes',
    'ignored.txt': 'no',
    '.dockerignore': 'ignored.txt\n',
  });
  const tag = `e2e-build/${uniqueName('broken')}:1`;
  await page.goto('/e/default/images/build');
  await page.getByRole('radio', { name: 'Upload a folder' }).check();
  await page.getByLabel('Folder to upload').setInputFiles(dir);
  await page.getByLabel('Tags').fill(tag);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const log = page.getByRole('log', { name: 'Build output' });
  await expect(log).toContainText('kept.txt');
  await expect(log).not.toContainText('ignored.txt');
  const error = log.locator('[data-kind="error"]');
  await expect(error).toContainText('returned a non-zero code: 7');
  await expect(error).toHaveCSS('color', /rgb\(2(20|48), (38|113), (38|113)\)/);
  await expect(page.getByRole('alert').filter({ hasText: 'Step 3/3 (RUN ls /ctx && exit 7) failed' })).toBeVisible();
  await expect(docker.getImage(tag).inspect()).rejects.toThrow();
});
