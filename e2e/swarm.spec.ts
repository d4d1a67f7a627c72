// Swarm pages against a real three-node swarm (docker contexts "swarm", its manager, and "swarm-worker"): nodes,
// scaling a service from the UI until the replicas column says 6/6 with no reload, draining a node until the matrix
// shows it empty, the service's merged log, a worker's sentence, and a viewer with no buttons.
import type { Browser, Page } from '@playwright/test';
import type Docker from 'dockerode';
import { TEST_IMAGE, contextDocker, expect, screenshots, signIn, test, uniqueName } from './fixtures';

const PASSWORD = 'a long viewer password';
const ACTIONS = /^(Scale|Update image|Force restart|Roll back|Remove|Drain|Pause|Activate|Promote|Demote|Edit labels|Create|Show join tokens)/;

/** A replicated busybox service that logs its hostname every second; dnsrr, as this kernel has no IPVS for VIPs. */
async function createService(swarm: Docker, name: string, replicas: number | 'global'): Promise<string> {
  const created = (await swarm.createService({
    Name: name,
    TaskTemplate: {
      ContainerSpec: { Image: TEST_IMAGE, Init: true, Command: ['sh', '-c', 'while true; do echo "hello from $(hostname)"; sleep 1; done'] },
      RestartPolicy: { Condition: 'any', Delay: 1_000_000_000 },
    },
    Mode: replicas === 'global' ? { Global: {} } : { Replicated: { Replicas: replicas } },
    // A failed update pauses after a second of watching, as the tests wait for it.
    UpdateConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 1_000_000_000 },
    EndpointSpec: { Mode: 'dnsrr' },
  } as Docker.CreateServiceOptions)) as unknown as { id?: string; ID?: string };
  return (created.id ?? created.ID)!;
}

/** Each task of a service: its state, its error and its node, for a failure's message. */
async function taskStates(swarm: Docker, service: string): Promise<unknown[]> {
  const tasks = (await swarm.listTasks({ filters: { service: [service] } })) as { Status?: { State?: string; Err?: string; Message?: string }; NodeID?: string; DesiredState?: string }[];
  return tasks.map((t) => ({ state: t.Status?.State, desired: t.DesiredState, message: t.Status?.Message, error: t.Status?.Err, node: t.NodeID }));
}

async function setAvailability(swarm: Docker, hostname: string, availability: 'active' | 'drain'): Promise<void> {
  const nodes = (await swarm.listNodes()) as { ID: string; Version: { Index: number }; Spec: Record<string, unknown>; Description: { Hostname: string } }[];
  const node = nodes.find((n) => n.Description.Hostname === hostname);
  if (!node) return;
  await swarm.getNode(node.ID).update({ version: node.Version.Index, ...node.Spec, Availability: availability });
}

async function viewerPage(page: Page, browser: Browser, next: string): Promise<Page> {
  const name = uniqueName('swarm-viewer').replace(/[^a-zA-Z0-9._@-]/g, '');
  await signIn(page, '/settings/access');
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('User name').fill(name);
  await dialog.getByLabel('Role').selectOption('viewer');
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(`/login?next=${encodeURIComponent(next)}`);
  await viewer.getByLabel('User name').fill(name);
  await viewer.getByLabel('Password').fill(PASSWORD);
  await viewer.getByRole('button', { name: 'Sign in with password' }).click();
  await expect(viewer).toHaveURL(/\/e\//);
  return viewer;
}

test('the nodes page lists the three nodes, one of them the leading manager', async ({ page }) => {
  await signIn(page, '/e/swarm/swarm/nodes');
  const rows = page.locator('main tbody tr[data-node]');
  await expect(rows).toHaveCount(3, { timeout: 20_000 });
  await expect(page.locator('main [data-role="manager"]')).toHaveCount(1);
  await expect(page.locator('main [data-role="worker"]')).toHaveCount(2);
  await expect(page.locator('main [data-role="manager"]').getByText('leader')).toBeVisible();
  await expect(rows.locator('[data-state="ready"]')).toHaveCount(3);
  // The sidebar has the swarm's pages for a manager.
  await expect(page.getByRole('list', { name: 'Swarm' }).getByRole('link')).toHaveText(['Nodes', 'Services', 'Stacks', 'Secrets', 'Configs', 'Overlay networks']);
});

test('a service scaled from the UI reaches 6/6 without a reload, and a drained node empties in the matrix', async ({ page }) => {
  test.setTimeout(180_000);
  const swarm = contextDocker('swarm');
  const name = uniqueName('e2e-web');
  const id = await createService(swarm, name, 3);
  const drained = 'swarm-3';
  try {
    await signIn(page, '/e/swarm/swarm/services');
    const row = page.locator(`main tr[data-service="${name}"]`);
    await expect(row.locator('[data-replicas]')).toHaveText('3/3', { timeout: 60_000 });

    await row.getByRole('button', { name: `Scale ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Scale ${name}` });
    await expect(dialog.getByLabel('Replicas')).toHaveValue('3');
    await dialog.getByLabel('Replicas').fill('6');
    await dialog.getByRole('button', { name: 'Scale' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.locator('[data-replicas]')).toHaveText('6/6', { timeout: 60_000 });

    // Drain a worker from the nodes page: its tasks move to the other two nodes.
    await page.getByRole('list', { name: 'Swarm' }).getByRole('link', { name: 'Nodes' }).click();
    const node = page.locator(`main tr[data-node="${drained}"]`);
    await node.getByRole('button', { name: `Drain ${drained}` }).click();
    await expect(node.locator('[data-availability]')).toHaveText('drain');
    await expect(node.locator('[data-tasks]')).toHaveText('0', { timeout: 60_000 });

    await page.goto('/e/swarm/swarm/services?view=matrix');
    await expect(page.getByRole('tab', { name: 'Matrix' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator(`main th[data-node-column="${drained}"]`)).toContainText('drained');
    const cells = page.locator(`main tr[data-service="${name}"] td[data-node]`);
    await expect(cells).toHaveCount(3);
    await expect(page.locator(`main tr[data-service="${name}"] td[data-node="${drained}"]`)).toHaveAttribute('data-count', '0');
    await expect
      .poll(async () => (await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))))).reduce((a, b) => a + b, 0), { timeout: 60_000 })
      .toBe(6);

    // The service's page: its tasks, and its log merged from every task, each line marked with its task and node.
    await page.locator(`main tr[data-service="${name}"]`).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    await expect(page.locator('main tbody tr[data-task] [data-state="running"]')).toHaveCount(6, { timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Service' }).getByRole('link', { name: 'Logs' }).click();
    await expect(page.getByRole('log').getByText(/hello from/).first()).toBeVisible({ timeout: 30_000 });
    const source = await page.locator('[data-log-line] > span[title]').first().getAttribute('title');
    expect(source).toMatch(new RegExp(`${name}\\.\\d+`));
  } finally {
    await setAvailability(swarm, drained, 'active');
    await swarm.getService(id).remove().catch(() => undefined);
  }
});

test('bad input gets a sentence under its field and changes nothing; an update to a missing image pauses with the task error', async ({ page }) => {
  test.setTimeout(180_000);
  const swarm = contextDocker('swarm');
  const name = uniqueName('e2e-bad');
  const global = uniqueName('e2e-global');
  const id = await createService(swarm, name, 1);
  const globalId = await createService(swarm, global, 'global');
  try {
    await signIn(page, '/e/swarm/swarm/services');
    const row = page.locator(`main tr[data-service="${name}"]`);
    await expect(row.locator('[data-replicas]'))
      .toHaveText('1/1', { timeout: 120_000 })
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\nThe service's tasks, as the engine has them: ${JSON.stringify(await taskStates(swarm, id))}`);
      });
    // A global service runs one task per node: it has no Scale button.
    const globalRow = page.locator(`main tr[data-service="${global}"]`);
    await expect(globalRow.getByRole('button', { name: `Force restart ${global}` })).toBeVisible();
    await expect(globalRow.getByRole('button', { name: `Scale ${global}` })).toHaveCount(0);

    // Not an image reference: refused under the field, the service keeps its image.
    await row.getByRole('button', { name: `Update image of ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Update the image of ${name}` });
    await dialog.getByLabel('Image').fill('Not An/Image::ref');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(dialog.getByText('must be an image reference such as "busybox:latest" or "registry.local:5000/team/app:1.0"')).toBeVisible();
    await expect(dialog).toBeVisible();
    const spec = (await swarm.getService(id).inspect()) as { Spec: { TaskTemplate: { ContainerSpec: { Image: string } } } };
    expect(spec.Spec.TaskTemplate.ContainerSpec.Image).toBe(TEST_IMAGE);

    // A well-formed reference to an image no node has: the engine pauses the update, and the row says why.
    await dialog.getByLabel('Image').fill('berth-test/missing:nowhere');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.locator('[data-update]')).toHaveAttribute('data-update', 'paused', { timeout: 120_000 });
    await expect(row.locator('[data-update]')).toContainText('update paused');
    // Its page carries the task's own error.
    await row.getByRole('link', { name }).click();
    await expect(page.getByText(/No such image: berth-test\/missing:nowhere/).first()).toBeVisible({ timeout: 30_000 });
  } finally {
    await swarm.getService(id).remove().catch(() => undefined);
    await swarm.getService(globalId).remove().catch(() => undefined);
  }
});

test('a worker engine says to connect Berth to a manager, and names the managers it knows', async ({ page }) => {
  await signIn(page, '/e/swarm-worker/swarm');
  await expect(page.getByText('This node is a worker: connect Berth to a manager.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Managers this node knows' })).toContainText(/\d+\.\d+\.\d+\.\d+:2377/);
  // One Swarm entry in the sidebar, no manager pages.
  await expect(page.getByRole('list', { name: 'Swarm' }).getByRole('link')).toHaveText(['Swarm']);
  await page.goto('/e/swarm-worker/swarm/services');
  await expect(page.getByText('This node is a worker: connect Berth to a manager.')).toBeVisible();
  // An engine outside any swarm has no Swarm entry.
  await page.goto('/e/default/containers');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Swarm' })).toHaveCount(0);
});

test('a viewer sees the swarm but no button that changes it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const swarm = contextDocker('swarm');
  const name = uniqueName('e2e-viewed');
  const id = await createService(swarm, name, 1);
  try {
    const viewer = await viewerPage(page, browser, '/e/swarm/swarm/services');
    await viewer.goto('/e/swarm/swarm/services');
    await expect(viewer.locator(`main tr[data-service="${name}"]`)).toBeVisible({ timeout: 20_000 });
    await expect(viewer.getByRole('button', { name: ACTIONS })).toHaveCount(0);
    await viewer.goto('/e/swarm/swarm/nodes');
    await expect(viewer.locator('main tbody tr[data-node]')).toHaveCount(3);
    await expect(viewer.getByRole('button', { name: ACTIONS })).toHaveCount(0);
    for (const path of ['/e/swarm/swarm', `/e/swarm/swarm/services/${id}`, '/e/swarm/swarm/secrets', '/e/swarm/swarm/configs', '/e/swarm/swarm/stacks']) {
      await viewer.goto(path);
      await expect(viewer.locator('main h1').first()).toBeVisible();
      // Judged once the page's data is in: an admin's buttons would be there by then.
      await expect(viewer.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
      await expect(viewer.getByRole('button', { name: ACTIONS }), path).toHaveCount(0);
    }
    await screenshots(viewer, 'swarm-viewer-services');
    await viewer.context().close();
  } finally {
    await swarm.getService(id).remove().catch(() => undefined);
  }
});
