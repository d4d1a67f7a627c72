// Filtering and compose-project grouping for the containers list (pure, so it is cheap to memoise and test).
import { type SortDir, naturalCompare, sortBy } from '@/lib/natural-sort';
import type { Row } from './container-row';
import type { StateFilterValue } from './state-filter';

export interface Group {
  project?: string;
  rows: Row[];
  running: number;
  unhealthy: number;
  crashLooping: number;
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

/** The columns the list sorts by; a group keeps its place (projects by name) and sorts its own rows. */
export const SORT_KEYS = ['name', 'image', 'state', 'cpu', 'memory', 'status', 'ports', 'created'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** A state's place when sorting by state: trouble first, then running, then the rest. */
const STATE_RANK: Record<string, number> = { restarting: 0, dead: 1, running: 3, paused: 4, created: 5, exited: 6, removing: 7 };

function stateRank(r: Row): number {
  if (r.crashLooping) return -1;
  if (r.health === 'unhealthy') return 2;
  return STATE_RANK[r.state] ?? 8;
}

export interface RowSort {
  key: SortKey;
  dir: SortDir;
  /** Live CPU and memory by container id, for those two columns. */
  usage?: Record<string, { cpuPercent: number; memoryUsed: number } | undefined>;
}

function sortValue(r: Row, s: RowSort): string | number | undefined {
  switch (s.key) {
    case 'name':
      return r.name;
    case 'image':
      return r.image;
    case 'state':
      return stateRank(r);
    case 'cpu':
      return s.usage?.[r.id]?.cpuPercent;
    case 'memory':
      return s.usage?.[r.id]?.memoryUsed;
    case 'status':
      return r.status;
    case 'ports':
      // The lowest published host port (or exposed port when none is published); rows without ports sort last.
      return r.ports.length ? Math.min(...r.ports.map((p) => p.publicPort || p.privatePort)) : undefined;
    case 'created':
      return r.created;
  }
}

export function summarize(rows: Row[]): Pick<Group, 'running' | 'unhealthy' | 'crashLooping'> {
  let running = 0;
  let unhealthy = 0;
  let crashLooping = 0;
  for (const r of rows) {
    if (r.state === 'running') running++;
    if (r.health === 'unhealthy') unhealthy++;
    if (r.crashLooping) crashLooping++;
  }
  return { running, unhealthy, crashLooping };
}

/** "2/4 running, 1 unhealthy, 1 crash-looping": a compose project's health at a glance. */
export function groupSummary(g: Pick<Group, 'running' | 'unhealthy' | 'crashLooping' | 'rows'>): string {
  const parts = [`${g.running}/${g.rows.length} running`];
  if (g.unhealthy) parts.push(`${g.unhealthy} unhealthy`);
  if (g.crashLooping) parts.push(`${g.crashLooping} crash-looping`);
  return parts.join(', ');
}

/** Compose projects first (by name, naturally), each with its containers; then the containers of no project. */
export function groupRows(rows: Row[], sort: RowSort = { key: 'name', dir: 'asc' }): Group[] {
  const byProject = new Map<string, Row[]>();
  const loose: Row[] = [];
  for (const r of rows) {
    if (r.project) {
      const list = byProject.get(r.project);
      if (list) list.push(r);
      else byProject.set(r.project, [r]);
    } else loose.push(r);
  }
  const byName = (a: Row, b: Row) => naturalCompare(a.name, b.name);
  const order = (list: Row[]) => (sort.key === 'name' ? sortBy(list, (r) => r.name, sort.dir) : sortBy(list, (r) => sortValue(r, sort), sort.dir, byName));
  const groups: Group[] = [...byProject.entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([project, list]) => ({ project, rows: order(list), ...summarize(list) }));
  if (loose.length) groups.push({ rows: order(loose), ...summarize(loose) });
  return groups;
}
