import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContextInner } from '@/server/context';
import { appRouter } from '@/server/routers/_app';
import { createCallerFactory } from '@/server/trpc';
import { VmManager } from '@/server/vm/manager';
import { testRegistry } from '@/test/harness';
import { testServices } from '@/test/services';
import type { User } from '@/server/auth/access';

const createCaller = createCallerFactory(appRouter);

function setup() {
  const home = mkdtempSync(join(tmpdir(), 'berth-vmrouter-'));
  const vm = new VmManager({ home, root: resolve(__dirname, '..', '..'), env: { DOCKER_CONFIG: home } as unknown as NodeJS.ProcessEnv });
  const registry = testRegistry();
  const as = async (user: User) => createCaller(await createContextInner({ ...testServices(registry), vm, user }));
  return { vm, as };
}

describe('vm router', () => {
  it('shows a VM that was never built as such, with the defaults', async () => {
    const { as } = setup();
    const status = await (await as({ name: 'v', role: 'viewer' })).vm.status();
    expect(status.state).toBe('not-built');
    expect(status.image.built).toBe(false);
    expect(status.settings.diskMaxGiB).toBe(64);
    expect(status.disk).toBeNull();
  });

  it('lets a viewer look but not start, stop or reset', async () => {
    const { as, vm } = setup();
    const viewer = await as({ name: 'v', role: 'viewer' });
    await expect(viewer.vm.start()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(viewer.vm.reset({ confirm: 'delete my data' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(vm.status().operation).toBeNull();
  });

  it('refuses bad settings with a sentence and keeps the old ones', async () => {
    const { as, vm } = setup();
    const admin = await as({ name: 'a', role: 'admin' });
    const before = vm.settings();
    await expect(admin.vm.applySettings({ settings: { ...before, cpus: 0, memoryMiB: 100 } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('The VM needs at least 1 CPU.'),
    });
    expect(vm.settings()).toEqual(before);
  });

  it('stores good settings for the next start', async () => {
    const { as, vm } = setup();
    const admin = await as({ name: 'a', role: 'admin' });
    await admin.vm.applySettings({ settings: { ...vm.settings(), memoryMiB: 1536, swapMiB: 0 } });
    await vm.wait();
    expect(vm.settings().memoryMiB).toBe(1536);
    expect(vm.status().operation?.result).toBe('Applied.');
  });

  it('asks for the typed confirmation before a reset deletes the data disk', async () => {
    const { as, vm } = setup();
    const admin = await as({ name: 'a', role: 'admin' });
    await expect(admin.vm.reset({ confirm: 'yes' })).rejects.toMatchObject({ message: expect.stringContaining('Type "delete my data" to confirm') });
    expect(vm.status().operation).toBeNull();
  });

  it('refuses to reclaim space while the VM is stopped', async () => {
    const { as } = setup();
    const admin = await as({ name: 'a', role: 'admin' });
    await expect(admin.vm.reclaim()).rejects.toMatchObject({ code: 'CONFLICT', message: 'Start the VM first: reclaiming space runs inside it.' });
  });
});
