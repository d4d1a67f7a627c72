// Every screen at 1440 and 800 px in light and dark: each loads without an error banner, and at 800 px nothing
// makes the page scroll sideways. The screenshots (test-results/screens/screen-*) are there to be looked at.
import type Docker from 'dockerode';
import { TEST_IMAGE, contextDocker, expect, screenshots, signIn, test, uniqueName } from './fixtures';

const ENGINE_PAGES = ['containers', 'images', 'images/build', 'volumes', 'networks', 'disk', 'logs', 'events', 'overview'];
const CONTAINER_TABS = ['logs', 'inspect', 'stats', 'env', 'mounts', 'networks', 'processes', 'files', 'terminal'];
const OTHER_PAGES = ['/vm', '/vm/resources', '/vm/network', '/vm/disk', '/vm/engine', '/settings/access', '/settings/registries', '/settings/general', '/settings/audit'];

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

/** A stack of two services on an overlay network, with a secret and a config, so every swarm screen has rows. */
async function withSwarmStack(swarm: Docker): Promise<{ id: string; remove(): Promise<void> }> {
  const stack = uniqueName('screens');
  const labels = { 'com.docker.stack.namespace': stack };
  const network = await swarm.createNetwork({ Name: `${stack}_default`, Driver: 'overlay', Attachable: true, Labels: labels });
  const secret = (await swarm.createSecret({ Name: `${stack}_db_password`, Data: Buffer.from('not shown').toString('base64'), Labels: labels })) as { id: string };
  const config = (await swarm.createConfig({ Name: `${stack}_nginx_conf`, Data: Buffer.from('server {}').toString('base64'), Labels: labels })) as { id: string };
  const service = (name: string, replicas: number, extra: object) =>
    swarm.createService({
      Name: `${stack}_${name}`,
      Labels: labels,
      TaskTemplate: {
        ContainerSpec: { Image: TEST_IMAGE, Init: true, Command: ['sh', '-c', 'while true; do echo "GET /health 200 $(hostname)"; sleep 1; done'], Env: ['MODE=production'], ...extra },
        Networks: [{ Target: network.id }],
      },
      Mode: { Replicated: { Replicas: replicas } },
      EndpointSpec: { Mode: 'dnsrr' },
    } as Docker.CreateServiceOptions) as unknown as Promise<{ id: string }>;
  const web = await service('web', 3, { Secrets: [{ SecretID: secret.id, SecretName: `${stack}_db_password`, File: { Name: 'db_password', UID: '0', GID: '0', Mode: 0o400 } }] });
  const worker = await service('worker', 2, { Configs: [{ ConfigID: config.id, ConfigName: `${stack}_nginx_conf`, File: { Name: '/etc/nginx.conf', UID: '0', GID: '0', Mode: 0o444 } }] });
  return {
    id: web.id,
    remove: async () => {
      for (const s of [web, worker]) await swarm.getService(s.id).remove().catch(() => undefined);
      // The network is in use until the tasks are gone.
      for (let i = 0; i < 40; i++) {
        if (await swarm.getNetwork(network.id).remove().then(() => true, () => false)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await swarm.getSecret(secret.id).remove().catch(() => undefined);
      await swarm.getConfig(config.id).remove().catch(() => undefined);
    },
  };
}

for (const width of [1440, 800] as const) {
  test.describe(`every swarm screen at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('loads each swarm page with no error and no sideways scrolling', async ({ page }) => {
      test.setTimeout(240_000);
      const swarm = contextDocker('swarm');
      const stack = await withSwarmStack(swarm);
      try {
        await signIn(page, '/e/swarm/swarm');
        const pages: [string, string][] = [
          ['/e/swarm/swarm', 'swarm'],
          ['/e/swarm/swarm/nodes', 'swarm-nodes'],
          ['/e/swarm/swarm/services', 'swarm-services'],
          ['/e/swarm/swarm/services?view=matrix', 'swarm-matrix'],
          [`/e/swarm/swarm/services/${stack.id}`, 'swarm-service-tasks'],
          [`/e/swarm/swarm/services/${stack.id}/spec`, 'swarm-service-spec'],
          [`/e/swarm/swarm/services/${stack.id}/logs`, 'swarm-service-logs'],
          ['/e/swarm/swarm/stacks', 'swarm-stacks'],
          ['/e/swarm/swarm/secrets', 'swarm-secrets'],
          ['/e/swarm/swarm/configs', 'swarm-configs'],
          ['/e/swarm/swarm/networks', 'swarm-networks'],
          ['/e/swarm-worker/swarm', 'swarm-worker'],
        ];
        for (const [path, name] of pages) {
          await page.goto(path);
          await expect(page.locator('main h1, main h2').first(), `${path} has a heading`).toBeVisible({ timeout: 20_000 });
          // The page's data is in (no skeleton, no "Loading…") before it is judged; live streams keep the network busy.
          await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
          if (name === 'swarm-service-logs') await expect(page.getByRole('log').getByText(/GET \/health/).first()).toBeVisible({ timeout: 20_000 });
          // The service's tasks settle before the picture is taken.
          if (name === 'swarm-services') await expect(page.locator('main [data-replicas]').first()).toHaveText(/^(\d+)\/\1$/, { timeout: 30_000 });
          await expect(page.getByRole('alert').filter({ hasText: /error|failed|could not/i }), `${path} shows no error`).toHaveCount(0);
          const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
          expect(overflow, `${path} does not scroll sideways`).toBeLessThanOrEqual(0);
          await screenshots(page, `screen-${width}-${name}`);
        }
        // A dialog of each kind, as an admin sees it.
        if (width === 1440) {
          await page.goto('/e/swarm/swarm/services');
          await page.getByRole('button', { name: /^Scale .*_web$/ }).click();
          await screenshots(page, 'screen-1440-swarm-scale-dialog');
          await page.keyboard.press('Escape');
          await page.goto('/e/swarm/swarm/secrets');
          await page.getByRole('button', { name: 'Create secret' }).click();
          await screenshots(page, 'screen-1440-swarm-create-secret');
          await page.keyboard.press('Escape');
          await page.goto('/e/swarm/swarm');
          await page.getByRole('button', { name: 'Show join tokens' }).click();
          await expect(page.getByText(/docker swarm join --token/).first()).toBeVisible();
          await screenshots(page, 'screen-1440-swarm-join-tokens');
        }
      } finally {
        await stack.remove();
      }
    });
  });
}
