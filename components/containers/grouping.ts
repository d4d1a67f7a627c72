// Filtering and compose-project grouping for the containers list (pure, so it is cheap to memoise and test).
import type { Row } from './container-row';

export function matches(r: Row, q: string, state: string, project: string): boolean {
  if (project && r.project !== project) return false;
  if (state === 'running' && r.state !== 'running') return false;
  if (state === 'stopped' && !(r.state === 'exited' || r.state === 'created' || r.state === 'dead')) return false;
  if (state === 'paused' && r.state !== 'paused') return false;
  if (!q) return true;
  const needle = q.toLowerCase();
  return r.name.toLowerCase().includes(needle) || r.image.toLowerCase().includes(needle) || r.id.startsWith(needle) || (r.project?.toLowerCase().includes(needle) ?? false);
}

/** Compose projects first (by name), each with its containers; then the containers of no project. */
export function groupRows(rows: Row[]): { project?: string; rows: Row[] }[] {
  const byProject = new Map<string, Row[]>();
  const loose: Row[] = [];
  for (const r of rows) {
    if (r.project) {
      const list = byProject.get(r.project) ?? [];
      list.push(r);
      byProject.set(r.project, list);
    } else loose.push(r);
  }
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name);
  const groups: { project?: string; rows: Row[] }[] = [...byProject.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, list]) => ({ project, rows: list.sort(byName) }));
  if (loose.length) groups.push({ rows: loose.sort(byName) });
  return groups;
}
