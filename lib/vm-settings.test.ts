import { describe, expect, it } from 'vitest';
import { describeChange, settingsSchema, type VmSettings } from './vm-settings';

const limits = { cpus: 4, memoryMiB: 8192 };
const ok: VmSettings = { cpus: 2, memoryMiB: 2048, swapMiB: 1024, diskMaxGiB: 64, diskDir: '/var/berth', shares: ['/home/me'], exposeAllInterfaces: false, switchContext: true };

function refusal(patch: Partial<Record<keyof VmSettings, unknown>>): string {
  const r = settingsSchema(limits).safeParse({ ...ok, ...patch });
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => i.message).join(' ');
}

describe('VM settings', () => {
  it('accepts sensible settings and trims trailing slashes', () => {
    expect(settingsSchema(limits).parse({ ...ok, shares: ['/home/me/'] }).shares).toEqual(['/home/me']);
  });

  it('refuses each bad value with a sentence naming the limit', () => {
    expect(refusal({ cpus: 0 })).toBe('The VM needs at least 1 CPU.');
    expect(refusal({ cpus: 9 })).toBe('This machine has 4 CPUs; the VM can have at most 4.');
    expect(refusal({ cpus: 1.5 })).toBe('CPUs must be a whole number.');
    expect(refusal({ memoryMiB: 256 })).toBe('The VM needs at least 512 MiB of memory.');
    expect(refusal({ memoryMiB: 9000 })).toContain('at most 8192 MiB');
    expect(refusal({ swapMiB: -1 })).toBe('Swap cannot be negative.');
    expect(refusal({ diskMaxGiB: 2 })).toBe('The disk must be at least 4 GiB.');
    expect(refusal({ diskDir: 'relative/dir' })).toContain('must be an absolute path');
    expect(refusal({ shares: ['/home/me', '/home/me'] })).toContain('listed twice');
    expect(refusal({ shares: ['/proc'] })).toContain('cannot be shared');
    expect(refusal({ shares: ['/a\tb'] })).toContain('tabs or line breaks');
    expect(refusal({ memoryMiB: '2048' })).toBe('Memory must be a number.');
  });

  it('says what a change does: boot-time settings and a new location restart the VM, a smaller disk is deleted', () => {
    const disk64 = 64 * 1024 ** 3;
    expect(describeChange(ok, { ...ok, switchContext: false }, disk64)).toEqual({ shrinking: false, moving: false, needsRestart: false });
    expect(describeChange(ok, { ...ok, memoryMiB: 4096 }, disk64).needsRestart).toBe(true);
    expect(describeChange(ok, { ...ok, shares: ['/home/me', '/srv'] }, disk64).needsRestart).toBe(true);
    expect(describeChange(ok, { ...ok, diskDir: '/mnt/big' }, disk64)).toEqual({ shrinking: false, moving: true, needsRestart: true });
    expect(describeChange(ok, { ...ok, diskMaxGiB: 32 }, disk64)).toEqual({ shrinking: true, moving: false, needsRestart: true });
    expect(describeChange(ok, { ...ok, diskMaxGiB: 32 }, null).shrinking).toBe(false);
  });
});
