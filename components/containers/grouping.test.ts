import { describe, expect, it } from 'vitest';
import type { Row } from './container-row';
import { groupRows, matches } from './grouping';
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
});
