import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IMAGE, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { testServices } from '@/test/services';
import type { BuildEvent } from './build';

const docker = testDocker();
const registry = testRegistry();
let root: string;
let outside: string;
const savedRoots = process.env.BERTH_BUILD_ROOTS;
const repo = `berth-build-test/${process.pid}`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-build-root-'));
  outside = mkdtempSync(join(tmpdir(), 'berth-build-outside-'));
  process.env.BERTH_BUILD_ROOTS = `${root}:/nonexistent-berth-root`;
});

afterAll(async () => {
  if (savedRoots === undefined) delete process.env.BERTH_BUILD_ROOTS;
  else process.env.BERTH_BUILD_ROOTS = savedRoots;
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
  const images = await docker.listImages({ filters: { reference: [`${repo}*`] } });
  for (const i of images) await docker.getImage(i.Id).remove({ force: true }).catch(() => {});
});

/** A folder under the allowed root holding `files` (name → content). */
function contextDir(files: Record<string, string>): string {
  const dir = join(root, uniqueName('ctx'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

interface Outcome {
  events: BuildEvent[];
  text: string;
  steps: string[];
  error?: Error;
}

async function build(input: Record<string, unknown>, opts: { signal?: AbortSignal; user?: { name: string; role: 'admin' | 'viewer' }; onLine?: (text: string) => void } = {}): Promise<Outcome> {
  const caller = await testCaller(opts.user ?? { name: 'admin', role: 'admin' }, registry, opts.signal);
  const events: BuildEvent[] = [];
  try {
    for await (const e of await caller.images.build({ engine: 'default', ...input } as never)) {
      events.push(e);
      if (e.type === 'lines') for (const l of e.lines) opts.onLine?.(l.text);
    }
  } catch (error) {
    return { ...summary(events), error: error as Error };
  }
  return summary(events);
}

function summary(events: BuildEvent[]): Outcome {
  const lines = events.flatMap((e) => (e.type === 'lines' ? e.lines : []));
  return { events, text: lines.map((l) => l.text).join('\n'), steps: lines.filter((l) => l.kind === 'step').map((l) => l.text) };
}

const tagExists = (tag: string) => docker.getImage(tag).inspect().then(() => true, () => false);

describe('images.build from a folder on Berth’s machine', () => {
  it('builds a multi-step Dockerfile with its tags, build args and target stage, honouring .dockerignore', async () => {
    const longName = `dossier-é/ファイル-${'x'.repeat(120)}.txt`;
    const dir = contextDir({
      'build/Dockerfile.app': [
        `FROM ${TEST_IMAGE} AS base`,
        'ARG GREETING=unset',
        'RUN echo "greeting=$GREETING"',
        'COPY . /ctx',
        'RUN find /ctx && readlink /ctx/outside-link',
        'FROM base AS final',
        'RUN echo final-stage-ran',
        'FROM base AS other',
        'RUN echo other-stage-ran',
      ].join('\n'),
      'keep.txt': 'kept',
      'secret.txt': 'must not be sent',
      'logs/a.log': 'ignored folder',
      [longName]: 'utf-8 name',
      '.dockerignore': '# comments are skipped\nsecret.txt\nlogs\n',
    });
    symlinkSync('/etc/passwd', join(dir, 'outside-link'));
    const tags = [`${repo}:1`, `${repo}:extra`];
    const out = await build({ source: { kind: 'path', path: dir }, dockerfile: 'build/Dockerfile.app', tags, buildArgs: { GREETING: 'hello' }, target: 'final', noCache: true });
    expect(out.error).toBeUndefined();
    expect(out.steps[0]).toMatch(/^Step 1\/\d+ : FROM /);
    expect(out.text).toContain('greeting=hello');
    expect(out.text).toContain('keep.txt');
    expect(out.text).toContain('ファイル-xxxx');
    expect(out.text).not.toContain('secret.txt');
    expect(out.text).not.toContain('a.log');
    // The link went as a link: the build saw where it points, never the file behind it.
    expect(out.text).toContain('/etc/passwd');
    expect(out.text).toContain('final-stage-ran');
    expect(out.text).not.toContain('other-stage-ran');
    const done = out.events.at(-1);
    expect(done?.type).toBe('done');
    const id = done?.type === 'done' ? done.imageId : '';
    for (const t of tags) expect((await docker.getImage(t).inspect()).Id).toBe(id);
    // Audited like every change, under the tags it makes.
    const audit = testServices(registry).access.audit.list({ action: 'images.build' });
    expect(audit[0]).toMatchObject({ user: 'admin', engine: 'default', target: tags.join(', '), result: 'ok' });
  });

  it('refuses a folder outside the allowed roots, a path with "..", and a symlink that leads out, with sentences', async () => {
    writeFileSync(join(outside, 'Dockerfile'), `FROM ${TEST_IMAGE}\n`);
    const a = await build({ source: { kind: 'path', path: outside }, tags: [`${repo}:never`] });
    expect(a.error?.message).toMatch(/builds only from folders inside .*berth-build-root-.*; .* is outside them/);
    const b = await build({ source: { kind: 'path', path: `${root}/../${outside.split('/').pop()}` } });
    expect(b.error?.message).toMatch(/contains "\.\."/);
    const link = join(root, uniqueName('link'));
    symlinkSync(outside, link);
    const c = await build({ source: { kind: 'path', path: link } });
    expect(c.error?.message).toMatch(/is outside them \(it leads to .*berth-build-outside-/);
    const d = await build({ source: { kind: 'path', path: contextDir({ Dockerfile: `FROM ${TEST_IMAGE}\n` }) }, dockerfile: '../Dockerfile' });
    expect(d.error?.message).toMatch(/must be a path inside the build folder/);
    const e = await build({ source: { kind: 'path', path: join(root, 'missing') } });
    expect(e.error?.message).toMatch(/There is no folder .*missing on Berth's machine/);
    expect(await tagExists(`${repo}:never`)).toBe(false);
  });

  it('reports the step that failed with its last lines, and leaves no tag', async () => {
    const dir = contextDir({ Dockerfile: [`FROM ${TEST_IMAGE}`, 'RUN echo first', 'RUN echo line-a && echo line-b && exit 3', 'RUN echo never'].join('\n') });
    const out = await build({ source: { kind: 'path', path: dir }, tags: [`${repo}:broken`], noCache: true });
    expect(out.error?.message).toMatch(/^Step 3\/4 \(RUN echo line-a && echo line-b && exit 3\) failed: .*non-zero code: 3\. Its last output: "line-a", "line-b"\.$/);
    expect(out.text).not.toContain('never\n');
    expect(await tagExists(`${repo}:broken`)).toBe(false);
    expect(await docker.listContainers({ all: true })).toEqual([]);
  });

  it('stops a long build promptly when cancelled, leaving no container and no tag', async () => {
    const dir = contextDir({ Dockerfile: `FROM ${TEST_IMAGE}\nRUN echo sleeping && sleep 30\n` });
    const ctl = new AbortController();
    const started = Date.now();
    let abortedAt = 0;
    const out = await build(
      { source: { kind: 'path', path: dir }, tags: [`${repo}:cancelled`], noCache: true },
      {
        signal: ctl.signal,
        onLine(text) {
          if (text === 'sleeping' && !abortedAt) {
            abortedAt = Date.now();
            ctl.abort();
          }
        },
      },
    );
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(2000);
    expect(out.error).toBeUndefined();
    // The engine kills and removes the step's container once the connection is gone.
    for (let i = 0; i < 50 && (await docker.listContainers({ all: true })).length; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await docker.listContainers({ all: true })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(await tagExists(`${repo}:cancelled`)).toBe(false);
  });

  it('is for admins only: a viewer gets FORBIDDEN', async () => {
    const viewer = { name: 'viewer', role: 'viewer' as const };
    const out = await build({ source: { kind: 'path', path: root }, tags: [`${repo}:viewer`] }, { user: viewer });
    expect(out.error).toMatchObject({ code: 'FORBIDDEN' });
    const caller = await testCaller(viewer, registry);
    await expect(caller.images.buildRoots()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await testCaller(undefined, registry);
    expect((await admin.images.buildRoots()).roots).toEqual([root, '/nonexistent-berth-root']);
  });

  it('refuses tags that are not image names', async () => {
    const out = await build({ source: { kind: 'path', path: root }, tags: ['UPPER:case', 'app@sha256:abc'] });
    expect(out.error?.message).toMatch(/must be a name such as/);
  });
});
