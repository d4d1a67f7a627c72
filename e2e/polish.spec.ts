// Everyday use against the real engine: health and crash loops at a glance, feedback within 200 ms of a click, Kill
// asking first, compose projects acted on as one, natural order, the keyboard alone, and an 800 px window.
import type Docker from 'dockerode';
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

const WIDTHS = [1440, 800] as const;

async function compose(docker: Docker, project: string, service: string, extra: Partial<Docker.ContainerCreateOptions> = {}) {
  const c = await docker.createContainer({
    name: `${project}-${service}`,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '3600'],
    StopSignal: 'SIGKILL',
    ...extra,
    Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service },
  });
  await c.start();
  return c;
}

async function removeAll(cs: Docker.Container[]) {
  await Promise.all(cs.map((c) => c.remove({ force: true }).catch(() => {})));
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('an unhealthy container, a crash loop and a compose project\'s health are visible at a glance', async ({ page, docker }) => {
      const project = uniqueName('health');
      const cs = [
        await compose(docker, project, 'sick', { Healthcheck: { Test: ['CMD', 'false'], Interval: 1e9, Retries: 1 } }),
        await compose(docker, project, 'fine'),
        await compose(docker, project, 'loop', { Cmd: ['sh', '-c', 'exit 3'], HostConfig: { RestartPolicy: { Name: 'always' } } }),
      ];
      try {
        await signIn(page, `/e/default/containers?q=${project}`);
        const sick = page.locator(`[data-container-row="${project}-sick"]`);
        await expect(sick.locator('[data-health="unhealthy"]')).toHaveText('unhealthy', { timeout: 15_000 });
        const loop = page.locator(`[data-container-row="${project}-loop"]`);
        await expect(loop.locator('[data-crash-looping]')).toBeVisible({ timeout: 15_000 });
        await expect(loop.locator('[data-restarts]')).toBeVisible();
        const group = page.locator(`tr[data-project="${project}"]`);
        await expect(group.locator('[data-group-health]')).toContainText('1 unhealthy');
        await expect(group.locator('[data-group-health]')).toContainText('crash-looping');
        await expect(group.getByRole('button', { name: `Stop project ${project}` })).toBeVisible();
        // Nothing that matters is cut off or pushed out sideways.
        await expect(sick.getByRole('button', { name: `Stop ${project}-sick` })).toBeInViewport();
        const scroller = page.locator('main div.overflow-auto').first();
        expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
        await screenshots(page, `polish-health-${width}`);

        await page.goto(`/e/default/containers/${project}-sick/logs`);
        await expect(page.locator('main header [data-health="unhealthy"]')).toBeVisible();
      } finally {
        await removeAll(cs);
      }
    });
  });
}

test.describe('feedback and keyboard', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a compose project stops as one, each row saying "stopping…" within 200 ms, long before the engine is done', async ({ page, docker }) => {
    const project = uniqueName('group');
    // A shell that ignores SIGTERM: the engine waits StopTimeout seconds before it kills.
    const slow = { Cmd: ['sh', '-c', 'trap "" TERM; while true; do sleep 1; done'], StopSignal: 'SIGTERM', StopTimeout: 4 };
    const cs = [await compose(docker, project, 'api', slow), await compose(docker, project, 'web', slow)];
    try {
      await signIn(page, `/e/default/containers?q=${project}`);
      const stop = page.getByRole('button', { name: `Stop project ${project}` });
      await expect(stop).toBeEnabled();
      await expect(page.locator(`[data-container-row="${project}-api"]`).getByText('running', { exact: true })).toBeVisible();
      const elapsed = await page.evaluate(
        (name) =>
          new Promise<number>((resolve) => {
            const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name)!;
            const seen = () => document.querySelectorAll('[data-transition="stop"]').length >= 2;
            const t0 = performance.now();
            new MutationObserver((_, obs) => {
              if (seen()) {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            }).observe(document.body, { subtree: true, childList: true });
            button.click();
          }),
        `Stop project ${project}`,
      );
      expect(elapsed).toBeLessThan(200);
      // The engine is still waiting for the processes to give up.
      expect((await cs[0]!.inspect()).State.Running).toBe(true);
      await screenshots(page, 'polish-stopping-1440');
      for (const s of ['api', 'web']) {
        await expect(page.locator(`[data-container-row="${project}-${s}"]`).getByText('exited', { exact: true })).toBeVisible({ timeout: 15_000 });
      }
      await expect(page.locator('[data-transition]')).toHaveCount(0);
      await expect(page.locator(`tr[data-project="${project}"] [data-group-health]`)).toContainText('0/2 running');
    } finally {
      await removeAll(cs);
    }
  });

  test('Kill asks first, Cancel changes nothing and gives the focus back, and a failure names the container', async ({ page, docker }) => {
    const name = uniqueName('kill');
    const c = await docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'] });
    await c.start();
    try {
      await signIn(page, `/e/default/containers?q=${name}`);
      const kill = page.getByRole('button', { name: `Kill ${name}` });
      await kill.click();
      const dialog = page.getByRole('dialog', { name: `Kill ${name}?` });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('SIGKILL');
      await screenshots(page, 'polish-kill-1440');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await expect(kill).toBeFocused();
      expect((await c.inspect()).State.Running).toBe(true);

      await kill.click();
      await dialog.getByRole('button', { name: 'Kill' }).click();
      const row = page.locator(`[data-container-row="${name}"]`);
      await expect(row.getByText('exited', { exact: true })).toBeVisible();
      await expect(row.locator('[data-exit-code="137"]')).toHaveText('exit 137');

      // A container whose command does not exist: the engine refuses to start it, and the sentence says which one.
      const broken = await docker.createContainer({ name: `${name}-broken`, Image: TEST_IMAGE, Cmd: ['/no/such/binary'] });
      try {
        await page.goto(`/e/default/containers?q=${name}-broken`);
        await page.getByRole('button', { name: `Start ${name}-broken` }).click();
        await expect(page.getByRole('alert').filter({ hasText: `${name}-broken` }).first()).toBeVisible();
      } finally {
        await broken.remove({ force: true });
      }
    } finally {
      await c.remove({ force: true }).catch(() => {});
    }
  });

  test('names sort naturally and every sortable column keeps its order in the URL', async ({ page, docker }) => {
    test.setTimeout(120_000);
    const prefix = uniqueName('nat');
    const names = ['web-10', 'web-2', 'web-1'].map((n) => `${prefix}-${n}`);
    const cs = await Promise.all(names.map((name) => docker.createContainer({ name, Image: TEST_IMAGE, Cmd: ['true'] })));
    try {
      await signIn(page, `/e/default/containers?q=${prefix}`);
      const order = () => page.locator('tr[data-container-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-container-row')));
      await expect.poll(order, { timeout: 30_000 }).toEqual([`${prefix}-web-1`, `${prefix}-web-2`, `${prefix}-web-10`]);
      await page.getByRole('button', { name: 'Name', exact: true }).click();
      await expect(page).toHaveURL(/dir=desc/);
      await expect.poll(order, { timeout: 30_000 }).toEqual([`${prefix}-web-10`, `${prefix}-web-2`, `${prefix}-web-1`]);
      await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
      await page.reload();
      await expect.poll(order, { timeout: 30_000 }).toEqual([`${prefix}-web-10`, `${prefix}-web-2`, `${prefix}-web-1`]);

      // The other lists sort by their heads too; a volume so that the volumes list has a table.
      const volume = await docker.createVolume({ Name: `${prefix}-data` });
      try {
        for (const list of ['images', 'volumes', 'networks']) {
          await page.goto(`/e/default/${list}`);
          await page.getByRole('button', { name: 'Created', exact: true }).click();
          await expect(page).toHaveURL(/sort=created&dir=desc/);
          await expect(page.getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending');
        }
      } finally {
        await docker.getVolume(volume.name).remove().catch(() => {});
      }
    } finally {
      await removeAll(cs);
    }
  });

  test('keyboard only: skip link, "/" to the filter, down into the list, arrows, Enter opens the container on its logs', async ({ page, docker }) => {
    const prefix = uniqueName('keys');
    const cs = await Promise.all(['a', 'b'].map((s) => docker.createContainer({ name: `${prefix}-${s}`, Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo hello from $HOSTNAME; sleep 3600'] })));
    await Promise.all(cs.map((c) => c.start()));
    try {
      await signIn(page, '/e/default/containers');
      await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
      // The page answers keys once it is interactive: its admin controls are drawn then, as a user would see.
      await expect(page.getByLabel('Select all', { exact: true })).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.locator('main')).toBeFocused();

      await page.keyboard.press('/');
      await expect(page.getByLabel('Filter containers')).toBeFocused();
      await page.keyboard.type(prefix);
      await expect(page.locator(`[data-container-row="${prefix}-b"]`)).toBeVisible();
      await expect(page.locator('tr[data-container-row]')).toHaveCount(2);
      await page.keyboard.press('ArrowDown');
      await expect(page.locator(`[data-container-row="${prefix}-a"]`)).toBeFocused();
      await page.keyboard.press('ArrowDown');
      const b = page.locator(`[data-container-row="${prefix}-b"]`);
      await expect(b).toBeFocused();
      // One tab stop: the row's own controls come next, then the list is left behind.
      await page.keyboard.press('Tab');
      await expect(page.getByLabel(`Select ${prefix}-b`)).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(b).toBeFocused();
      await screenshots(page, 'polish-keyboard-1440');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/containers/${prefix}-b/logs`));
      await expect(page.getByText(`hello from`).first()).toBeVisible();
    } finally {
      await removeAll(cs);
    }
  });

  test('keyboard only on the volumes list: one tab stop, arrows between rows, Tab to the row\'s own buttons, Enter opens the volume', async ({ page, docker }) => {
    const prefix = uniqueName('keyvol');
    const names = [`${prefix}-1`, `${prefix}-2`, `${prefix}-10`];
    await Promise.all(names.map((Name) => docker.createVolume({ Name })));
    try {
      await signIn(page, `/e/default/volumes?q=${prefix}`);
      const row = (name: string) => page.locator('tbody[data-rows] > tr').filter({ has: page.getByRole('link', { name, exact: true }) });
      await expect(row(`${prefix}-10`)).toBeVisible();
      await page.keyboard.press('/');
      await expect(page.getByLabel('Filter volumes')).toBeFocused();
      await page.keyboard.press('ArrowDown');
      // Natural order: -1, -2, -10.
      await expect(row(`${prefix}-1`)).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(row(`${prefix}-2`)).toBeFocused();
      await page.keyboard.press('End');
      await expect(row(`${prefix}-10`)).toBeFocused();
      // Only the focused row's controls are in the tab order.
      const strays = await page.evaluate(() => [...document.querySelectorAll('tbody[data-rows] [tabindex="0"]')].filter((el) => el.closest('tr')?.tabIndex !== 0).length);
      expect(strays).toBe(0);
      await page.keyboard.press('Tab');
      await expect(row(`${prefix}-10`).getByRole('link', { name: `${prefix}-10`, exact: true })).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(row(`${prefix}-10`)).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/volumes/${prefix}-10$`));
    } finally {
      await Promise.all(names.map((n) => docker.getVolume(n).remove().catch(() => {})));
    }
  });
});
