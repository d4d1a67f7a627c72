import { existsSync, lstatSync, mkdtempSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSocketState, linkDefaultSocket, unlinkDefaultSocket } from './default-socket';

// Never /var/run/docker.sock: every case uses a path of its own.
function place() {
  const dir = mkdtempSync(join(tmpdir(), 'berth-defsock-'));
  const target = join(dir, 'vm-docker.sock');
  writeFileSync(target, '');
  return { dir, target, link: join(dir, 'docker.sock') };
}

describe('the default socket link', () => {
  it('links an absent path to the VM engine, and removes only its own link', () => {
    const { target, link } = place();
    expect(defaultSocketState(target, link)).toEqual({ kind: 'absent' });
    expect(linkDefaultSocket(target, link)).toMatchObject({ ok: true });
    expect(readlinkSync(link)).toBe(target);
    expect(defaultSocketState(target, link)).toEqual({ kind: 'linked' });
    expect(linkDefaultSocket(target, link).ok).toBe(true);
    expect(unlinkDefaultSocket(target, link)).toMatchObject({ ok: true });
    expect(existsSync(link)).toBe(false);
  });

  it('replaces a dangling link but leaves another engine’s socket and link alone', async () => {
    const { dir, target, link } = place();
    symlinkSync(join(dir, 'gone.sock'), link);
    expect(defaultSocketState(target, link).kind).toBe('dangling');
    expect(linkDefaultSocket(target, link).ok).toBe(true);
    expect(readlinkSync(link)).toBe(target);

    const other = place();
    const server = createServer();
    await new Promise<void>((r) => server.listen(other.link, r));
    try {
      const outcome = linkDefaultSocket(other.target, other.link);
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toContain('belongs to another Docker Engine');
      expect(lstatSync(other.link).isSocket()).toBe(true);
      expect(unlinkDefaultSocket(other.target, other.link).ok).toBe(true);
      expect(lstatSync(other.link).isSocket()).toBe(true);
    } finally {
      server.close();
    }

    const third = place();
    symlinkSync(other.target, third.link);
    expect(linkDefaultSocket(third.target, third.link)).toMatchObject({ ok: false, message: expect.stringContaining('another engine') });
    expect(readlinkSync(third.link)).toBe(other.target);
  });

  it('gives the one command to run when Berth may not write there', () => {
    // Even root may not create files in /sys.
    const outcome = linkDefaultSocket('/tmp/berth-vm.sock', '/sys/berth-test-docker.sock');
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('Run this command once as root'), command: 'sudo ln -sf /tmp/berth-vm.sock /sys/berth-test-docker.sock' });
  });
});
