// Filtering and compose-project grouping for the containers list (pure, so it is cheap to memoise and test).
import type { Row } from './container-row';
import type { StateFilterValue } from './state-filter';

export interface Group {
  project?: string;
  rows: Row[];
  running: number;
}

function inState(r: Row, state: StateFilterValue): boolean {
  switch (state) {
    case 'running':
      return r.state === 'running';
    case 'paused':
      return r.state === 'paused';
    case 'exited':
      return r.state === 'exited' || r.state === 'created' || r.state === 'dead';
    default:
      return true;
  }
}

/** `needle` is the lower-cased text filter: it matches a name, image, project or the start of the id. */
export function matches(r: Row, needle: string, state: StateFilterValue, project: string): boolean {
  if (project && r.project !== project) return false;
  if (!inState(r, state)) return false;
  if (!needle) return true;
  return (
    r.name.toLowerCase().includes(needle) ||
    r.image.toLowerCase().includes(needle) ||
    r.id.startsWith(needle) ||
    (r.project?.toLowerCase().includes(needle) ?? false)
  );
}

/** Compose projects first (by name), each with its containers; then the containers of no project. */
export function groupRows(rows: Row[]): Group[] {
  const byProject = new Map<string, Row[]>();
  const loose: Row[] = [];
  for (const r of rows) {
    if (r.project) {
      const list = byProject.get(r.project);
      if (list) list.push(r);
      else byProject.set(r.project, [r]);
    } else loose.push(r);
  }
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name);
  const count = (list: Row[]) => list.reduce((n, r) => n + (r.state === 'running' ? 1 : 0), 0);
  const groups: Group[] = [...byProject.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, list]) => ({ project, rows: list.sort(byName), running: count(list) }));
  if (loose.length) groups.push({ rows: loose.sort(byName), running: count(loose) });
  return groups;
}
