import { describe, expect, it } from 'vitest';
import type { Row } from './container-row';
import { groupRows, groupSummary, matches } from './grouping';
import { parseStateFilter } from './state-filter';

const row = (name: string, state: Row['state'], project?: string): Row => ({
  id: `${name.replace(/[^a-f0-9]/g, 'a')}0123456789abcdef`,
  name,
  image: `img/${name}:latest`,
  imageId: '',
  command: '',
  state,
  status: '',
  created: 0,
  ports: [],
  project,
  restartCount: 0,
  crashLooping: false,
});

describe('container list filtering and grouping', () => {
  const rows = [row('web', 'running', 'shop'), row('db', 'exited', 'shop'), row('cron', 'created'), row('cache', 'paused', 'aux'), row('api', 'running')];

  it('matches the text filter against name, image, project and id prefix', () => {
    expect(rows.filter((r) => matches(r, 'shop', 'all', '')).map((r) => r.name)).toEqual(['web', 'db']);
    expect(rows.filter((r) => matches(r, 'img/cr', 'all', '')).map((r) => r.name)).toEqual(['cron']);
    expect(matches(rows[0]!, rows[0]!.id.slice(0, 6), 'all', '')).toBe(true);
  });

  it('treats "exited" as every stopped state and accepts the older "stopped"', () => {
    expect(rows.filter((r) => matches(r, '', 'exited', '')).map((r) => r.name)).toEqual(['db', 'cron']);
    expect(parseStateFilter('stopped')).toBe('exited');
    expect(parseStateFilter('bogus')).toBe('all');
  });

  it('puts compose projects first, by name, then the containers of no project', () => {
    const groups = groupRows(rows);
    expect(groups.map((g) => [g.project, g.rows.map((r) => r.name), g.running])).toEqual([
      ['aux', ['cache'], 0],
      ['shop', ['db', 'web'], 1],
      [undefined, ['api', 'cron'], 1],
    ]);
  });

  it('sorts names naturally, and by any column with the URL\'s direction', () => {
    const many = ['web-10', 'web-2', 'web-1'].map((n, i) => ({ ...row(n, 'running'), created: [3, 1, 2][i]! }));
    expect(groupRows(many)[0]!.rows.map((r) => r.name)).toEqual(['web-1', 'web-2', 'web-10']);
    expect(groupRows(many, { key: 'name', dir: 'desc' })[0]!.rows.map((r) => r.name)).toEqual(['web-10', 'web-2', 'web-1']);
    expect(groupRows(many, { key: 'created', dir: 'desc' })[0]!.rows.map((r) => r.name)).toEqual(['web-10', 'web-1', 'web-2']);
    const usage = { [many[0]!.id]: { cpuPercent: 5, memoryUsed: 1 }, [many[1]!.id]: { cpuPercent: 50, memoryUsed: 1 } };
    expect(groupRows(many, { key: 'cpu', dir: 'desc', usage })[0]!.rows.map((r) => r.name)).toEqual(['web-2', 'web-10', 'web-1']);
  });

  it('sorts by ports (lowest published port, rows without ports last) and by status text', () => {
    const port = (n: number) => ({ privatePort: 80, publicPort: n, type: 'tcp', ip: '0.0.0.0' }) as Row['ports'][number];
    const many = [
      { ...row('a', 'running'), ports: [port(8080)], status: 'Up 2 minutes' },
      { ...row('b', 'exited'), status: 'Exited (3) 1 minute ago' },
      { ...row('c', 'running'), ports: [port(9000), port(443)], status: 'Up 10 minutes' },
    ];
    expect(groupRows(many, { key: 'ports', dir: 'asc' })[0]!.rows.map((r) => r.name)).toEqual(['c', 'a', 'b']);
    expect(groupRows(many, { key: 'status', dir: 'asc' })[0]!.rows.map((r) => r.name)).toEqual(['b', 'a', 'c']);
  });

  it('counts a project\'s running, unhealthy and crash-looping containers', () => {
    const shop = [
      { ...row('web-1', 'running', 'shop'), health: 'healthy' as const },
      { ...row('web-2', 'running', 'shop'), health: 'unhealthy' as const },
      { ...row('worker', 'restarting', 'shop'), crashLooping: true, restartCount: 4 },
      row('db', 'exited', 'shop'),
    ];
    const [g] = groupRows(shop);
    expect([g!.running, g!.unhealthy, g!.crashLooping]).toEqual([2, 1, 1]);
    expect(groupSummary(g!)).toBe('2/4 running, 1 unhealthy, 1 crash-looping');
    expect(groupSummary(groupRows([row('a', 'running', 'p')])[0]!)).toBe('1/1 running');
  });
});
