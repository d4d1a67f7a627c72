// "Allow the default Docker socket to be used": /var/run/docker.sock as a link to the VM's engine socket, made only
// where no other engine owns that path, and the one command to run when Berth lacks the right to make it.
import { lstatSync, readlinkSync, renameSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export type DefaultSocketState =
  /** The link points at the VM's engine. */
  | { kind: 'linked' }
  | { kind: 'absent' }
  /** A link to something that no longer exists: safe to replace. */
  | { kind: 'dangling'; target: string }
  /** A link to another engine's socket. */
  | { kind: 'other-link'; target: string }
  /** A socket or file of its own: another Docker Engine runs on this machine. */
  | { kind: 'engine' };

export interface LinkOutcome {
  ok: boolean;
  message: string;
  /** What to run as root instead, when Berth may not change the path itself. */
  command?: string;
}

export function defaultSocketState(target: string, link: string = DEFAULT_SOCKET): DefaultSocketState {
  let st;
  try {
    st = lstatSync(link);
  } catch {
    return { kind: 'absent' };
  }
  if (!st.isSymbolicLink()) return { kind: 'engine' };
  const to = readlinkSync(link);
  if (resolve(dirname(link), to) === resolve(target)) return { kind: 'linked' };
  try {
    statSync(link);
    return { kind: 'other-link', target: to };
  } catch {
    return { kind: 'dangling', target: to };
  }
}

const denied = (err: unknown): boolean => ['EACCES', 'EPERM', 'EROFS'].includes((err as NodeJS.ErrnoException).code ?? '');

/** Points `link` at `target`, replacing only an absent or dangling link; never another engine's socket. */
export function linkDefaultSocket(target: string, link: string = DEFAULT_SOCKET): LinkOutcome {
  const state = defaultSocketState(target, link);
  if (state.kind === 'linked') return { ok: true, message: `${link} points at the VM's engine.` };
  if (state.kind === 'engine') {
    return { ok: false, message: `${link} belongs to another Docker Engine on this machine; Berth leaves it alone. Use the "berth" context, or stop that engine and remove its socket first.` };
  }
  if (state.kind === 'other-link') {
    return { ok: false, message: `${link} points at ${state.target}, another engine's socket; Berth leaves it alone. Remove the link first to use the VM's engine there.` };
  }
  const command = `sudo ln -sf ${target} ${link}`;
  const tmp = join(dirname(link), `.berth-link-${process.pid}`);
  try {
    symlinkSync(target, tmp);
    renameSync(tmp, link);
    return { ok: true, message: `${link} now points at the VM's engine.` };
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never made.
    }
    if (denied(err)) return { ok: false, message: `Berth may not create ${link}. Run this command once as root:`, command };
    return { ok: false, message: `${link} could not be created: ${(err as Error).message}` };
  }
}

/** Removes `link` when it points at the VM's engine; anything else stays as it is. */
export function unlinkDefaultSocket(target: string, link: string = DEFAULT_SOCKET): LinkOutcome {
  if (defaultSocketState(target, link).kind !== 'linked') return { ok: true, message: `${link} does not point at the VM's engine.` };
  try {
    unlinkSync(link);
    return { ok: true, message: `${link} no longer points at the VM's engine.` };
  } catch (err) {
    if (denied(err)) return { ok: false, message: `Berth may not remove ${link}. Run this command once as root:`, command: `sudo rm ${link}` };
    return { ok: false, message: `${link} could not be removed: ${(err as Error).message}` };
  }
}
