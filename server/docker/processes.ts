// A container's processes as the engine's `top` lists them (ps columns), with the ones Berth's terminals started marked.
import type Docker from 'dockerode';
import { BerthError, toEngineError } from '../errors';
import { openTerminalPids } from '../exec/session';

export interface ProcessList {
  titles: string[];
  rows: { cells: string[]; pid: number; terminal: boolean }[];
}

export async function listProcesses(api: Docker, engine: string, id: string): Promise<ProcessList> {
  let top: { Titles?: string[]; Processes?: string[][] };
  let containerId: string;
  try {
    const info = await api.getContainer(id).inspect();
    containerId = info.Id;
    if (!info.State.Running) throw new BerthError('CONFLICT', `Container ${info.Name.replace(/^\//, '')} is not running: it has no processes to show.`);
    top = await api.getContainer(info.Id).top({ ps_args: '-ef' });
  } catch (err) {
    throw toEngineError(err, `container ${id}`, 'list the processes of');
  }
  const titles = top.Titles ?? [];
  const pidAt = titles.indexOf('PID');
  const ppidAt = titles.indexOf('PPID');
  const marked = new Set(openTerminalPids(engine, containerId));
  const procs = (top.Processes ?? []).map((cells) => ({ cells, pid: Number(cells[pidAt] ?? 0), ppid: Number(cells[ppidAt] ?? 0) }));
  // A terminal's children are its too: mark down the tree until nothing changes.
  for (let changed = marked.size > 0; changed; ) {
    changed = false;
    for (const p of procs) {
      if (!marked.has(p.pid) && marked.has(p.ppid)) {
        marked.add(p.pid);
        changed = true;
      }
    }
  }
  return { titles, rows: procs.map((p) => ({ cells: p.cells, pid: p.pid, terminal: marked.has(p.pid) })) };
}
