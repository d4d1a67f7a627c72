// Volumes from the browser: create with a refusal shown under its field, then refuse removal while in use.
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

test('create a volume (a bad name is refused under the field), and removal of a volume in use says why', async ({ page, docker }) => {
  const name = uniqueName('e2e-vol');
  let user: Awaited<ReturnType<typeof docker.createContainer>> | undefined;
  try {
    await signIn(page, '/e/default/volumes');
    await page.getByRole('button', { name: 'Create volume' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create volume' });
    await dialog.getByLabel('Name').fill('no spaces allowed');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('alert').first()).toBeVisible();
    await screenshots(page, 'volume-create-refused');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

    user = await docker.createContainer({ name: `${name}-user`, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL', HostConfig: { Binds: [`${name}:/data`] } });
    await page.getByRole('button', { name: `Remove ${name}` }).click();
    await page.getByRole('dialog', { name: `Remove volume ${name}?` }).getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByText(new RegExp(`${name}.*(in use|used by)`)).first()).toBeVisible();
    expect((await docker.listVolumes()).Volumes?.some((v) => v.Name === name)).toBe(true);
  } finally {
    await user?.remove({ force: true });
    await docker.getVolume(name).remove().catch(() => undefined);
  }
});
