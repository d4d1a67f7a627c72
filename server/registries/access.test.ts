// Who may see and change registry sign-ins, and where a password must never turn up: responses, errors, the audit log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testCaller, testRegistry } from '@/test/harness';
import { testServices } from '@/test/services';
import { DOCKER_HUB, normalizeServer } from './config';
import { registryOf } from './auth-header';

const host = inject('registryHost');
const user = inject('registryUser');
const password = inject('registryPassword');

describe('server names', () => {
  it('files them as the docker CLI does', () => {
    expect(normalizeServer('')).toBe(DOCKER_HUB);
    expect(normalizeServer('docker.io')).toBe(DOCKER_HUB);
    expect(normalizeServer('https://index.docker.io/v1/')).toBe(DOCKER_HUB);
    expect(normalizeServer('registry-1.docker.io')).toBe(DOCKER_HUB);
    expect(normalizeServer('https://Registry.Example.com:5000/v2/')).toBe('registry.example.com:5000');
    expect(normalizeServer('ghcr.io')).toBe('ghcr.io');
    expect(registryOf('busybox')).toBe(DOCKER_HUB);
    expect(registryOf('team/app:1')).toBe(DOCKER_HUB);
    expect(registryOf('ghcr.io/team/app@sha256:' + 'a'.repeat(64))).toBe('ghcr.io');
    expect(registryOf('localhost:5000/app')).toBe('localhost:5000');
  });
});

describe('registry sign-ins and rights', () => {
  let registry: ReturnType<typeof testRegistry>;
  beforeAll(() => {
    registry = testRegistry({ DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'berth-registries-')) });
  });

  it('gives viewers and share links nothing: not the list, not sign-in, not sign-out', async () => {
    const viewer = await testCaller({ name: 'viewer', role: 'viewer' }, registry);
    await expect(viewer.registries.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.registries.signIn({ engine: 'default', server: host, username: user, password })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.registries.signOut({ server: host })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await testCaller(undefined, registry);
    expect(await admin.registries.list()).toEqual([]);
  });

  it('checks its input with sentences that never quote the password', async () => {
    const admin = await testCaller(undefined, registry);
    const bad = await admin.registries.signIn({ engine: 'default', server: 'not a host!', username: 'a:b', password: '' }).catch((e: Error) => e);
    expect((bad as Error).message).toMatch(/registry host/);
    await expect(admin.registries.signIn({ engine: 'default', server: host, username: 'a:b', password: 'x' })).rejects.toThrow(/must not hold/);
    await expect(admin.registries.signIn({ engine: 'default', server: host, username: user, password: '' })).rejects.toThrow(/must not be empty/);
  });

  it('keeps the password out of every answer, error and audit row', async () => {
    const { access } = testServices(registry);
    const admin = await testCaller(undefined, registry);
    const wrong = `${password}-nope`;
    const refused = await admin.registries.signIn({ engine: 'default', server: host, username: user, password: wrong }).catch((e: unknown) => e);
    const answers: unknown[] = [refused, (refused as Error).message, (refused as { cause?: unknown }).cause];
    answers.push(await admin.registries.signIn({ engine: 'default', server: host, username: user, password }));
    answers.push(await admin.registries.list());
    answers.push(await admin.registries.signOut({ server: host }));
    const viewer = await testCaller({ name: 'viewer', role: 'viewer' }, registry);
    answers.push(await viewer.registries.signIn({ engine: 'default', server: host, username: user, password }).catch((e: unknown) => e));
    for (const answer of answers) {
      const text = answer instanceof Error ? `${answer.message} ${answer.stack} ${JSON.stringify(answer)}` : JSON.stringify(answer);
      expect(text).not.toContain(password);
    }

    const rows = access.audit.list({ q: host, limit: 20 }).filter((r) => r.action.startsWith('registries.')).slice(0, 4);
    expect(rows.map((r) => [r.action, r.user, r.target, r.result])).toEqual([
      ['registries.signIn', 'viewer', `${host} as ${user}`, 'error'],
      ['registries.signOut', 'admin', host, 'ok'],
      ['registries.signIn', 'admin', `${host} as ${user}`, 'ok'],
      ['registries.signIn', 'admin', `${host} as ${user}`, 'error'],
    ]);
    expect(rows[3]!.detail).toBe(`Could not sign in to ${host}: incorrect username or password.`);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(password);
  });
});
