// Every screen at 1440 and 800 px in light and dark: each loads without an error banner, and at 800 px nothing
// makes the page scroll sideways. The screenshots (test-results/screens/screen-*) are there to be looked at.
import type Docker from 'dockerode';
import { TEST_IMAGE, expect, screenshots, signIn, test, uniqueName } from './fixtures';

const ENGINE_PAGES = ['containers', 'images', 'images/build', 'volumes', 'networks', 'disk', 'logs', 'events', 'overview'];
const CONTAINER_TABS = ['logs', 'inspect', 'stats', 'env', 'mounts', 'networks', 'processes', 'files', 'terminal'];
const OTHER_PAGES = ['/vm', '/vm/resources', '/vm/disk', '/settings/access', '/settings/registries', '/settings/general', '/settings/audit'];

async function withContainer(docker: Docker): Promise<{ name: string; remove(): Promise<void> }> {
  const name = uniqueName('screens-web');
  const c = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'while true; do echo "GET /health 200 $(date)"; sleep 1; done'],
    Env: ['MODE=production'],
    Labels: { 'com.docker.compose.project': 'screens', 'com.docker.compose.service': 'web' },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: '0', HostIp: '127.0.0.1' }] } },
    ExposedPorts: { '8080/tcp': {} },
  });
  await c.start();
  return { name, remove: () => c.remove({ force: true }).then(() => undefined) };
}

for (const width of [1440, 800] as const) {
  test.describe(`every screen at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('loads each page with no error and no sideways scrolling', async ({ page, docker }) => {
      test.setTimeout(240_000);
      const web = await withContainer(docker);
      try {
        await signIn(page, '/e/default/containers');
        const paths = [
          ...ENGINE_PAGES.map((p) => `/e/default/${p}`),
          ...CONTAINER_TABS.map((t) => `/e/default/containers/${web.name}/${t}`),
          ...OTHER_PAGES,
        ];
        for (const path of paths) {
          await page.goto(path);
          await expect(page.locator('main h1, main h2').first(), `${path} has a heading`).toBeVisible({ timeout: 20_000 });
          // Let the page's first data arrive before judging it.
          await page.waitForLoadState('networkidle').catch(() => undefined);
          await expect(page.getByRole('alert').filter({ hasText: /error|failed|could not/i }), `${path} shows no error`).toHaveCount(0);
          const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
          expect(overflow, `${path} does not scroll sideways`).toBeLessThanOrEqual(0);
          await screenshots(page, `screen-${width}-${path.replace(/^\/e\/default\//, '').replace(web.name, 'web').replace(/[/]+/g, '-').replace(/^-/, '')}`);
        }
      } finally {
        await web.remove();
      }
    });
  });
}
