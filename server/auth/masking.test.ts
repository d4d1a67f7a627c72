import { isTrackedEnvelope, tracked } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { MASK, maskForViewer } from './masking';

describe('maskForViewer on query outputs', () => {
  it('masks secret-looking keys of nested records and keeps the rest', () => {
    const out = maskForViewer('networks.inspect', {
      name: 'backend',
      author: 'ops@example.com',
      Labels: { 'app.api_key': 'k-123', tier: 'web' },
      Options: { 'com.example.db.password': 'pw-456', mtu: '1500' },
      nested: [{ Actor: { Attributes: { 'app.secret': 's-789', name: 'web-1' } } }],
    });
    expect(out).toEqual({
      name: 'backend',
      author: 'ops@example.com',
      Labels: { 'app.api_key': MASK, tier: 'web' },
      Options: { 'com.example.db.password': MASK, mtu: '1500' },
      nested: [{ Actor: { Attributes: { 'app.secret': MASK, name: 'web-1' } } }],
    });
  });

  it('masks the value of a { key, value } pair whose key looks secret, not the key itself', () => {
    const out = maskForViewer('containers.inspect', {
      env: [
        { key: 'DB_PASSWORD', value: 'hunter2 with spaces' },
        { key: 'MODE', value: 'prod' },
      ],
      labels: [{ key: 'key', value: 'abc' }],
    });
    expect(out).toEqual({
      env: [
        { key: 'DB_PASSWORD', value: MASK },
        { key: 'MODE', value: 'prod' },
      ],
      labels: [{ key: 'key', value: MASK }],
    });
  });

  it('masks the values of KEY=value lines and of secret flags in commands', () => {
    const out = maskForViewer('images.inspect', {
      env: ['PATH=/usr/bin', 'DB_PASSWORD=hunter2 two', 'API_TOKEN=', 'JAVA_OPTS=-Xmx1g -Dsecret.salt=pepper -Dfile.encoding=UTF-8'],
      cmd: ['app', '--password=letmein', '--token', 'tok-1', '--port', '80'],
      command: 'app --db-password=letmein --verbose https://h/x?access_token=abc&page=2',
    }) as Record<string, unknown>;
    expect(out.env).toEqual(['PATH=/usr/bin', `DB_PASSWORD=${MASK}`, 'API_TOKEN=', `JAVA_OPTS=-Xmx1g -Dsecret.salt=${MASK} -Dfile.encoding=UTF-8`]);
    expect(out.cmd).toEqual(['app', `--password=${MASK}`, '--token', MASK, '--port', '80']);
    expect(out.command).toBe(`app --db-password=${MASK} --verbose https://h/x?access_token=${MASK}&page=2`);
  });

  it('masks the raw inspect JSON and gives it back with the same 2-space layout', () => {
    const inspect = {
      Id: 'abc',
      Author: 'someone',
      Config: { Env: ['DB_PASSWORD=hunter2', 'MODE=prod'], Labels: { 'app.secret': 'topsecret' } },
      ContainerConfig: { Env: ['DB_PASSWORD=hunter2'], Labels: { 'app.secret': 'topsecret' } },
    };
    const out = maskForViewer('images.inspect', { id: 'abc', raw: JSON.stringify(inspect, null, 2) }) as { raw: string };
    expect(out.raw).not.toContain('hunter2');
    expect(out.raw).not.toContain('topsecret');
    expect(out.raw).toBe(
      JSON.stringify(
        {
          Id: 'abc',
          Author: 'someone',
          Config: { Env: [`DB_PASSWORD=${MASK}`, 'MODE=prod'], Labels: { 'app.secret': MASK } },
          ContainerConfig: { Env: [`DB_PASSWORD=${MASK}`], Labels: { 'app.secret': MASK } },
        },
        null,
        2,
      ),
    );
  });

  it('gives back the very same object when nothing in it looks secret', () => {
    const rows = [{ id: 'a', name: 'web', ports: [{ privatePort: 80, type: 'tcp' }], raw: '{\n  "Id": "a"\n}' }];
    expect(maskForViewer('containers.list', rows)).toBe(rows);
  });

  it('leaves log and stats streams alone', () => {
    const lines = ['DB_PASSWORD=shown in logs as printed'];
    expect(maskForViewer('containers.logs', lines)).toBe(lines);
  });
});

describe('maskForViewer on subscriptions', () => {
  it('masks the data of tracked envelopes and keeps their ids', async () => {
    async function* events() {
      yield tracked('1#0', { type: 'container', attributes: { 'app.secret': 's1', name: 'web' } });
      yield { plain: true, token: 't' };
    }
    const out: unknown[] = [];
    for await (const v of maskForViewer('system.events', events()) as AsyncIterable<unknown>) out.push(v);
    expect(isTrackedEnvelope(out[0])).toBe(true);
    const [id, data] = out[0] as [string, unknown];
    expect(id).toBe('1#0');
    expect(data).toEqual({ type: 'container', attributes: { 'app.secret': MASK, name: 'web' } });
    expect(out[1]).toEqual({ plain: true, token: MASK });
  });

  it('closes the source when the reader stops early', async () => {
    let closed = false;
    let produced = 0;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield { session: `s${produced}` };
        }
      } finally {
        closed = true;
      }
    }
    const seen: unknown[] = [];
    for await (const v of maskForViewer('system.events', endless()) as AsyncIterable<unknown>) {
      seen.push(v);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([{ session: MASK }, { session: MASK }]);
    expect(closed).toBe(true);
    expect(produced).toBe(2);
  });

  it('passes a throw() through to the source', async () => {
    let caught: unknown;
    async function* source() {
      try {
        yield { token: 'a' };
        yield { token: 'b' };
      } catch (err) {
        caught = err;
      }
    }
    const it = (maskForViewer('system.events', source()) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    await it.next();
    const done = await it.throw!(new Error('client gone'));
    expect(done.done).toBe(true);
    expect((caught as Error).message).toBe('client gone');
  });
});
