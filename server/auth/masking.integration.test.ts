// Viewers never see a planted secret in any procedure of the app router, on the real test engine; admins do.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type AnyTRPCProcedure, isTrackedEnvelope } from '@trpc/server';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Access, type User } from '@/server/auth/access';
import { MASK } from '@/server/auth/masking';
import { createContextInner } from '@/server/context';
import { appRouter } from '@/server/routers/_app';
import { createCallerFactory } from '@/server/trpc';
import { VmManager } from '@/server/vm/manager';
import { TEST_IMAGE, testDocker, testRegistry, uniqueName } from '@/test/harness';

const docker = testDocker();
const createCaller = createCallerFactory(appRouter);
const home = mkdtempSync(join(tmpdir(), 'berth-masking-'));
const access = new Access({ home });
const vm = new VmManager({ home, root: resolve(__dirname, '..', '..'), env: { DOCKER_CONFIG: home } as unknown as NodeJS.ProcessEnv });
const registry = testRegistry();
// The test swarm's manager, as one more engine: the swarm procedures read it.
const swarmEngine = 'swarm';
const swarmDocker = new Docker({ socketPath: inject('swarmManager') });
registry.add({
  id: 'test-swarm',
  offer: () => ({ engines: [{ name: swarmEngine, kind: 'socket', host: `unix://${inject('swarmManager')}`, description: 'the test swarm manager' }] }),
});
const VIEWER: User = { name: 'v', role: 'viewer' };
const ADMIN: User = { name: 'a', role: 'admin' };
/** The longest a subscription is read; each one normally stops much earlier, on its `until`. */
const READ_MS = 15_000;

const SECRETS = {
  env: `env-${randomUUID()}`,
  label: `label-${randomUUID()}`,
  volume: `volume-${randomUUID()}`,
  network: `network-${randomUUID()}`,
  flag: `flag-${randomUUID()}`,
};
type Secret = keyof typeof SECRETS;

interface Planted {
  container: string;
  events: string;
  image: string;
  volume: string;
  network: string;
  service: string;
  secret: string;
  config: string;
}
let p: Planted;

interface Recipe {
  input?: () => unknown;
  /** Viewers are refused before any data is read; `why` says what the procedure holds. */
  refused?: { code: string; why: string };
  /** Subscriptions: reading stops once this holds, and it must come to hold. */
  until?: (values: unknown[]) => boolean;
  /** Subscriptions: what happens on the engine while they are read. */
  during?: () => Promise<void>;
  /** Secrets this output carries for an admin: proves the planting reached it. */
  adminSees?: Secret[];
}

const engine = 'default';
const sawEvent = (action: string) => (values: unknown[]) =>
  values.some((v) => {
    const e = (isTrackedEnvelope(v) ? v[1] : v) as { actorId?: string; action?: string };
    return e.actorId === p.events && e.action === action;
  });

/** Every procedure a viewer may call, with the input that reaches the planted objects. */
const RECIPES: Record<string, Recipe> = {
  'engines.list': {},
  'engines.current': {},
  'engines.info': { input: () => ({ engine }) },
  'engines.health': { input: () => ({ engine }) },
  'access.me': {},
  'access.setTheme': { input: () => ({ theme: 'dark' }), refused: { code: 'FORBIDDEN', why: 'kept per account, and this principal has none' } },
  'access.users': { refused: { code: 'FORBIDDEN', why: 'accounts, admins only' } },
  'access.tokens': { refused: { code: 'FORBIDDEN', why: 'API tokens, admins only' } },
  'access.shares': { refused: { code: 'FORBIDDEN', why: 'share links, admins only' } },
  'access.audit': { input: () => ({}), refused: { code: 'FORBIDDEN', why: 'the audit log, admins only' } },
  'containers.list': { input: () => ({ engine, all: true }), adminSees: ['flag'] },
  'containers.inspect': { input: () => ({ engine, id: p.container }), adminSees: ['env', 'label', 'flag'] },
  'containers.files': { input: () => ({ engine, id: p.container, path: '/' }) },
  'containers.readFile': { input: () => ({ engine, id: p.container, path: '/etc/hostname' }) },
  'containers.logs': { input: () => ({ engine, id: p.container, tail: 'all', follow: false }) },
  'containers.searchLogs': { input: () => ({ engine, id: p.container, query: 'e' }) },
  'containers.stats': { input: () => ({ engine, id: p.container }), until: (v) => v.length >= 1 },
  'containers.statsAll': { input: () => ({ engine, intervalMs: 500 }), until: (v) => v.length >= 1 },
  'images.list': { input: () => ({ engine }) },
  'images.operations': { input: () => ({}), refused: { code: 'FORBIDDEN', why: 'pulls and pushes in progress, admins only' } },
  'images.watchOperation': { input: () => ({ opId: '00000000-0000-4000-8000-000000000000' }), refused: { code: 'FORBIDDEN', why: 'a pull or push in progress, admins only' } },
  'images.buildRoots': { refused: { code: 'FORBIDDEN', why: "folders on Berth's machine, admins only" } },
  'registries.list': { refused: { code: 'FORBIDDEN', why: 'registry accounts, admins only' } },
  'images.inspect': { input: () => ({ engine, id: p.image }), adminSees: ['env', 'label', 'flag'] },
  'volumes.list': { input: () => ({ engine }), adminSees: ['volume'] },
  'volumes.inspect': { input: () => ({ engine, name: p.volume }), adminSees: ['volume'] },
  'networks.list': { input: () => ({ engine }) },
  'networks.inspect': { input: () => ({ engine, id: p.network }), adminSees: ['network'] },
  'system.df': { input: () => ({ engine, fresh: true }), adminSees: ['flag'] },
  'system.dfView': { input: () => ({ engine, waitMs: 30_000 }), adminSees: ['flag'] },
  'system.prunePreview': {
    input: () => ({ engine, options: { images: 'unused', containersOlderThanHours: 0, volumes: true, networks: true, buildCache: true } }),
  },
  'system.events': {
    // Starting and killing the labelled container while subscribed puts its labels in the events' attributes.
    input: () => ({ engine, since: String(Math.floor(Date.now() / 1000) - 1) }),
    during: async () => {
      await docker.getContainer(p.events).start();
      await docker.getContainer(p.events).kill();
    },
    until: sawEvent('die'),
    adminSees: ['label'],
  },
  'swarm.status': { input: () => ({ engine: swarmEngine }) },
  'swarm.nodes': { input: () => ({ engine: swarmEngine }) },
  'swarm.services': { input: () => ({ engine: swarmEngine }), adminSees: ['label'] },
  'swarm.service': { input: () => ({ engine: swarmEngine, id: p.service }), adminSees: ['env', 'label', 'flag'] },
  'swarm.tasks': { input: () => ({ engine: swarmEngine, service: p.service }) },
  'swarm.stacks': { input: () => ({ engine: swarmEngine }) },
  'swarm.secrets': { input: () => ({ engine: swarmEngine }), adminSees: ['label'] },
  'swarm.configs': { input: () => ({ engine: swarmEngine }), adminSees: ['label'] },
  'swarm.networks': { input: () => ({ engine: swarmEngine }) },
  'swarm.serviceLogs': { input: () => ({ engine: swarmEngine, id: p.service, tail: 'all', follow: false }) },
  'vm.status': {},
  'vm.logs': { input: () => ({ kind: 'dockerd' }) },
  'vm.engine.config': {},
  // A proxy URL with a password in it, saved while the VM is stopped.
  'vm.network.get': { adminSees: ['flag'] },
};

const procedures = (appRouter._def as unknown as { procedures: Record<string, AnyTRPCProcedure> }).procedures;
function middlewareNames(proc: AnyTRPCProcedure): string[] {
  return (proc._def as unknown as { middlewares: { name: string }[] }).middlewares.map((m) => m.name);
}
const viewerPaths = Object.keys(procedures).filter((path) => !middlewareNames(procedures[path]!).includes('requireAdmin'));

async function call(user: User, path: string): Promise<unknown> {
  const recipe = RECIPES[path]!;
  const ctl = new AbortController();
  const caller = createCaller(await createContextInner({ user, registry, access, vm }), { signal: ctl.signal });
  const fn = path.split('.').reduce<any>((node, part) => node[part], caller) as (input?: unknown) => Promise<unknown>;
  if (procedures[path]!._def.type !== 'subscription') return fn(recipe.input?.());
  const timer = setTimeout(() => ctl.abort(), READ_MS);
  const values: unknown[] = [];
  try {
    const stream = (await fn(recipe.input?.())) as AsyncIterable<unknown>;
    const read = async () => {
      for await (const v of stream) {
        values.push(v);
        if (recipe.until?.(values)) break;
      }
    };
    await Promise.all([read(), recipe.during?.()]);
  } catch (err) {
    if (!ctl.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
  if (recipe.until) expect(recipe.until(values), `${path} delivered what it was read for`).toBe(true);
  return values;
}

function secretsIn(output: unknown): Secret[] {
  const text = JSON.stringify(output) ?? '';
  return (Object.keys(SECRETS) as Secret[]).filter((s) => text.includes(SECRETS[s]));
}

beforeAll(async () => {
  const labels = { 'app.secret': SECRETS.label, tier: 'web' };
  const c = await docker.createContainer({
    name: uniqueName('masked'),
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'sleep 3600', 'sh', `--password=${SECRETS.flag}`],
    Env: [`DB_PASSWORD=${SECRETS.env}`, 'MODE=prod'],
    Labels: labels,
    StopSignal: 'SIGKILL',
  });
  await c.start();
  const ev = await docker.createContainer({ name: uniqueName('masked-events'), Image: TEST_IMAGE, Cmd: ['sleep', '3600'], Labels: labels, StopSignal: 'SIGKILL' });
  const image = (await c.commit({ repo: 'berth-test/masked', tag: uniqueName('t') })) as { Id: string };
  const volume = uniqueName('masked-vol');
  await docker.createVolume({ Name: volume, Labels: { 'app.token': SECRETS.volume } });
  const network = await docker.createNetwork({ Name: uniqueName('masked-net'), Driver: 'bridge', Labels: { 'app.api_key': SECRETS.network } });
  const secret = await swarmDocker.createSecret({ Name: uniqueName('masked-secret'), Labels: { 'app.secret': SECRETS.label }, Data: Buffer.from('x').toString('base64') });
  const config = await swarmDocker.createConfig({ Name: uniqueName('masked-config'), Labels: { 'app.secret': SECRETS.label }, Data: Buffer.from('x').toString('base64') });
  const service = await swarmDocker.createService({
    Name: uniqueName('masked-svc'),
    Labels: { ...labels, 'com.docker.stack.namespace': uniqueName('masked-stack') },
    TaskTemplate: {
      ContainerSpec: { Image: TEST_IMAGE, Args: ['sh', '-c', 'sleep 3600', 'sh', `--password=${SECRETS.flag}`], Env: [`DB_PASSWORD=${SECRETS.env}`, 'MODE=prod'], Init: true },
    },
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: { Mode: 'dnsrr' },
  } as Docker.CreateServiceOptions);
  vm.network.apply({ proxyMode: 'manual', httpProxy: `http://berth:${SECRETS.flag}@127.0.0.1:3128`, httpsProxy: '', noProxy: '', defaultSocket: false });
  p = { container: c.id, events: ev.id, image: image.Id, volume, network: network.id, service: service.id, secret: secret.id, config: config.id };
});

afterAll(async () => {
  if (p) {
    await Promise.all([p.container, p.events].map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
    await docker.getImage(p.image).remove({ force: true }).catch(() => {});
    await docker.getVolume(p.volume).remove().catch(() => {});
    await docker.getNetwork(p.network).remove().catch(() => {});
    await swarmDocker.getService(p.service).remove().catch(() => {});
    await swarmDocker.getSecret(p.secret).remove().catch(() => {});
    await swarmDocker.getConfig(p.config).remove().catch(() => {});
  }
  access.db.close();
});

describe('viewers see no secrets in any output', () => {
  it('has an input recipe for every procedure a viewer may call, and none for procedures that are gone', () => {
    expect(viewerPaths.length).toBeGreaterThan(20);
    expect(viewerPaths.filter((path) => !(path in RECIPES)), 'viewer procedures without a recipe').toEqual([]);
    expect(Object.keys(RECIPES).filter((path) => !viewerPaths.includes(path)), 'recipes for no viewer procedure').toEqual([]);
  });

  for (const path of viewerPaths) {
    const recipe = RECIPES[path];
    if (recipe?.refused) {
      it(`${path}: refused to viewers (${recipe.refused.why})`, async () => {
        await expect(call(VIEWER, path)).rejects.toMatchObject({ code: recipe.refused!.code });
      });
      continue;
    }
    it(`${path}: no planted secret reaches a viewer${recipe?.adminSees ? `; an admin sees ${recipe.adminSees.join(', ')}` : ''}`, async () => {
      expect(recipe, `${path} has a recipe`).toBeDefined();
      const asViewer = await call(VIEWER, path);
      expect(secretsIn(asViewer)).toEqual([]);
      const asAdmin = await call(ADMIN, path);
      expect(secretsIn(asAdmin)).toEqual(expect.arrayContaining(recipe!.adminSees ?? []));
      // The viewer got the same object, masked rather than left out.
      if (recipe!.adminSees?.length) expect(JSON.stringify(asViewer)).toContain(MASK);
    }, 60_000);
  }

  it('keeps what is not secret readable: keys, plain values, and the raw JSON layout', async () => {
    const caller = createCaller(await createContextInner({ user: VIEWER, registry, access, vm }));
    const detail = await caller.containers.inspect({ engine, id: p.container });
    expect(detail.env).toContainEqual({ key: 'DB_PASSWORD', value: MASK });
    expect(detail.env).toContainEqual({ key: 'MODE', value: 'prod' });
    expect(detail.labels).toEqual(expect.arrayContaining([{ key: 'app.secret', value: MASK }, { key: 'tier', value: 'web' }]));
    expect(detail.command).toContain(`--password=${MASK}`);
    expect(detail.raw).toContain(`"DB_PASSWORD=${MASK}"`);
    expect(JSON.parse(detail.raw).Config.Labels).toEqual({ 'app.secret': MASK, tier: 'web' });
    const image = await caller.images.inspect({ engine, id: p.image });
    expect(image.env).toContain(`DB_PASSWORD=${MASK}`);
    expect(image.labels).toContainEqual({ key: 'app.secret', value: MASK });
    const volume = await caller.volumes.inspect({ engine, name: p.volume });
    expect(volume.labels).toContainEqual({ key: 'app.token', value: MASK });
    const network = await caller.networks.inspect({ engine, id: p.network });
    expect(network.labels).toContainEqual({ key: 'app.api_key', value: MASK });
  });
});
