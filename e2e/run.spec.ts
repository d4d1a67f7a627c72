// Run end to end: the form beside its docker run command, the new container's logs, its port answering, inspect
// agreeing with the command, "Run again with changes" prefilled, and no Run button for viewers.
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import type Docker from 'dockerode';
import { startTestRegistry } from '../test/registry';
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function answer(url: string): Promise<Response> {
  for (let i = 0; ; i++) {
    try {
      return await fetch(url);
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const preview = (page: Page) => page.getByTestId('run-command');
// Each test runs containers, opens dialogs and signs in twice: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });
const SLOW = { timeout: 30_000 };

test('Run from an image: the command follows the form, the container starts on its logs, its port answers and inspect agrees', async ({ page, docker }) => {
  const name = uniqueName('e2e-run');
  // Berth suggests the first free "<base>-N" from 2 for a copy (web → web-2, web-2 → web-3); uniqueName ends in a counter.
  const base = name.replace(/-\d+$/, '');
  const copy = `${base}-2` === name ? `${base}-3` : `${base}-2`;
  const volume = uniqueName('e2e-run-vol');
  const port = await freePort();
  try {
    await signIn(page, '/e/default/images');
    // The first page of a freshly started Berth may wait for its first engine connection.
    await expect(page.locator(`[data-image="${TEST_IMAGE}"]`).getByRole('button', { name: `Run ${TEST_IMAGE}` })).toBeVisible(SLOW);
    await screenshots(page, 'run-images-list');
    await page.locator(`[data-image="${TEST_IMAGE}"]`).getByRole('button', { name: `Run ${TEST_IMAGE}` }).click();
    const dialog = page.getByRole('dialog', { name: `Run ${TEST_IMAGE}` });
    await expect(preview(page)).toHaveText(`docker run -d ${TEST_IMAGE}`);

    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Command', { exact: true }).fill('httpd -f -p 8080 -h /');
    await dialog.getByLabel('Network', { exact: true }).selectOption('berth-test');
    await dialog.getByRole('button', { name: 'Add port' }).click();
    await dialog.getByLabel('Port 1 host address').fill('127.0.0.1');
    await dialog.getByLabel('Port 1 host port').fill(String(port));
    await dialog.getByLabel('Port 1 container port').fill('8080');
    await expect(preview(page)).toContainText(`-p 127.0.0.1:${port}:8080`);
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByLabel('Variable 1 name').fill('GREETING');
    await dialog.getByLabel('Variable 1 value').fill("it's me");
    await expect(preview(page)).toContainText(`-e 'GREETING=it'\\''s me'`);
    await dialog.getByRole('button', { name: 'Add volume' }).click();
    await dialog.getByLabel('Volume 1 source').fill(volume);
    await dialog.getByLabel('Volume 1 path in container').fill('/data');
    const command = `docker run -d --name ${name} -e 'GREETING=it'\\''s me' -p 127.0.0.1:${port}:8080 -v ${volume}:/data --network berth-test ${TEST_IMAGE} httpd -f -p 8080 -h /`;
    await expect(preview(page)).toHaveText(command);

    // A bad memory limit is told under its field before anything is sent.
    await dialog.getByLabel('Memory', { exact: true }).fill('12xb');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByText('must be a size such as 512m or 1.5g')).toBeVisible();
    await expect(dialog.getByLabel('Memory', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('Memory', { exact: true }).fill('');
    await expect(preview(page)).toHaveText(command);
    await screenshots(page, 'run-dialog');

    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/e/default/containers/${name}/logs$`), SLOW);
    await expect(page.getByRole('heading', { name })).toBeVisible();

    const res = await answer(`http://127.0.0.1:${port}/etc/hostname`);
    expect(res.status).toBe(200);
    const info = await docker.getContainer(name).inspect();
    expect((await res.text()).trim()).toBe(info.Config.Hostname);
    expect(info.Config.Env).toContain("GREETING=it's me");
    expect(info.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    expect(info.Mounts?.find((m) => m.Destination === '/data')).toMatchObject({ Type: 'volume', Name: volume });
    expect(info.HostConfig.NetworkMode).toBe('berth-test');
    expect(info.Config.Cmd).toEqual(['httpd', '-f', '-p', '8080', '-h', '/']);

    // Run again with changes: the same settings under a free name; the host port is left to the engine this time.
    await page.getByRole('button', { name: 'Run again with changes' }).click();
    const again = page.getByRole('dialog', { name: `Run again with changes: ${name}` });
    await expect(again.getByLabel('Name', { exact: true })).toHaveValue(copy);
    await expect(again.getByLabel('Variable 1 value')).toHaveValue("it's me");
    await expect(preview(page)).toHaveText(command.replace(`--name ${name}`, `--name ${copy}`));
    await again.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(again.getByLabel('Port 1 host port')).toHaveAttribute('aria-invalid', 'true');
    await expect(again.getByText(`Port ${port}/tcp on the host is already taken by container ${name}.`)).toBeVisible();
    await again.getByLabel('Port 1 host port').fill('');
    await expect(preview(page)).toContainText('-p 127.0.0.1::8080');
    await again.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/e/default/containers/${copy}/logs$`), SLOW);
    const second = await docker.getContainer(copy).inspect();
    expect(second.Config.Env).toContain("GREETING=it's me");
    expect(second.HostConfig.PortBindings?.['8080/tcp']?.[0]?.HostIp).toBe('127.0.0.1');
  } finally {
    for (const c of [name, copy]) await docker.getContainer(c).remove({ force: true, v: true }).catch(() => {});
    await docker.getVolume(volume).remove().catch(() => {});
  }
});

/** Reads a dockerode progress stream to its end, failing on an error line. */
async function drain(api: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    api.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
      const failed = err ?? (out.find((o) => o.error) ? new Error(out.find((o) => o.error)!.error) : null);
      if (failed) reject(failed);
      else resolve();
    }),
  );
}

test('Run with an image the engine does not have pulls it first, then runs it', async ({ page, docker }) => {
  const registry = await startTestRegistry({ auth: false });
  const ref = `${registry.host}/e2e/run-pull:1`;
  const name = uniqueName('e2e-run-pull');
  try {
    // Put the test image in the registry, then take it off the engine: only a pull can bring it back.
    const [repo, tag] = [ref.slice(0, ref.lastIndexOf(':')), '1'];
    await docker.getImage(TEST_IMAGE).tag({ repo, tag });
    await drain(docker, await docker.getImage(ref).push({ authconfig: {} }));
    await docker.getImage(ref).remove();

    await signIn(page, '/e/default/images');
    await page.locator(`[data-image="${TEST_IMAGE}"]`).getByRole('button', { name: `Run ${TEST_IMAGE}` }).click();
    const dialog = page.getByRole('dialog', { name: `Run ${TEST_IMAGE}` });
    await dialog.getByLabel('Image', { exact: true }).fill(ref);
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Command', { exact: true }).fill('sh -c "echo pulled and running; sleep 3600"');
    await dialog.getByLabel('Network', { exact: true }).selectOption('berth-test');
    await expect(preview(page)).toHaveText(`docker run -d --name ${name} --network berth-test ${ref} sh -c 'echo pulled and running; sleep 3600'`);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/e/default/containers/${name}/logs$`), SLOW);
    await expect(page.getByText('pulled and running')).toBeVisible(SLOW);
    const info = await docker.getContainer(name).inspect();
    expect(info.Config.Image).toBe(ref);
    expect((await docker.getImage(ref).inspect()).RepoTags).toContain(ref);
  } finally {
    await docker.getContainer(name).remove({ force: true }).catch(() => {});
    await docker.getImage(ref).remove({ force: true }).catch(() => {});
    await registry.stop();
  }
});

test('a viewer sees no Run button on images nor Run again on a container', async ({ page, browser, docker }) => {
  const name = uniqueName('e2e-run-viewer');
  const user = uniqueName('runviewer').replace(/[^a-zA-Z0-9._@-]/g, '');
  const password = 'a long viewer password';
  const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  try {
    await signIn(page, '/settings/access?tab=users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const add = page.getByRole('dialog', { name: 'Add user' });
    await add.getByLabel('User name').fill(user);
    await add.getByLabel('Role').selectOption('viewer');
    await add.getByLabel('Password').fill(password);
    await add.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByText(`${user} can now sign in as viewer.`)).toBeVisible(SLOW);

    const viewer = await (await browser.newContext()).newPage();
    await viewer.goto('/login');
    await viewer.getByLabel('User name').fill(user);
    await viewer.getByLabel('Password').fill(password);
    await viewer.getByRole('button', { name: 'Sign in with password' }).click();
    await expect(viewer).toHaveURL(/\/e\/default\/containers$/, SLOW);
    await viewer.goto('/e/default/images');
    await expect(viewer.locator(`[data-image="${TEST_IMAGE}"]`)).toBeVisible(SLOW);
    await expect(viewer.getByRole('button', { name: /^Run/ })).toHaveCount(0);
    await viewer.goto(`/e/default/containers/${name}/inspect`);
    await expect(viewer.getByRole('heading', { name })).toBeVisible(SLOW);
    await expect(viewer.getByRole('button', { name: 'Run again with changes' })).toHaveCount(0);
    // No tab leads to a refusal: the terminal and the process list are admins' only; files may be browsed.
    const tabs = viewer.getByRole('navigation', { name: 'Container' });
    await expect(tabs.getByRole('link', { name: 'Files' })).toBeVisible();
    await expect(tabs.getByRole('link', { name: 'Terminal' })).toHaveCount(0);
    await expect(tabs.getByRole('link', { name: 'Processes' })).toHaveCount(0);
  } finally {
    await c.remove({ force: true });
  }
});
