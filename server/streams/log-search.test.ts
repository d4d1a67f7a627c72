import { readdirSync, readlinkSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, startBerth } from '@/server/main';
import type { SearchStep } from '@/server/streams/log-search';
import { runContainer, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';

const docker = testDocker();
const ADMIN = 'log-search-admin-token';
let berth: Berth;
let base: string;
const created: string[] = [];
let big: string;
let timed: string;
let other: string;

const LINES = 50_000;
// 50,000 lines: the 50th is green and holds the needle, 3 are on stderr.
const BIG_SCRIPT = [
  'seq 1 49 | sed "s/^/line /"',
  'printf "\\033[32mgreen needle-early\\033[0m\\n"',
  'printf "err one\\nerr two\\nerr three\\n" >&2',
  `seq 54 ${LINES} | sed "s/^/line /"`,
].join('; ');

function openSockets(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // closed while listing
    }
  }
  return n;
}

/** Lines the engine itself holds for the container, counted in its multiplexed frames. */
async function engineLineCount(id: string, opts: { stdout: boolean; stderr: boolean }): Promise<number> {
  const raw = (await docker.getContainer(id).logs({ ...opts, follow: false })) as unknown as Buffer;
  let n = 0;
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    for (let i = at + 8; i < at + 8 + size; i++) if (raw[i] === 0x0a) n++;
    at += 8 + size;
  }
  return n;
}

async function search(input: Record<string, unknown>): Promise<SearchStep[]> {
  const caller = await testCaller({ name: 'viewer', role: 'viewer' });
  const steps: SearchStep[] = [];
  for await (const step of await caller.containers.searchLogs({ engine: 'default', id: big, ...input } as never)) steps.push(step as SearchStep);
  return steps;
}

const allMatches = (steps: SearchStep[]) => steps.flatMap((s) => s.text.map((t, i) => ({ ts: s.ts[i]!, text: t, stderr: s.stderr.includes(i) })));

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-logsearch-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  big = uniqueName('big');
  timed = uniqueName('timed');
  other = uniqueName('other');
  const a = await runContainer(docker, { name: big, cmd: ['sh', '-c', BIG_SCRIPT] });
  // stdout and stderr are separate pipes: lines written at once may be stamped in either order, so they are apart.
  const b = await runContainer(docker, { name: timed, cmd: ['sh', '-c', 'echo first; sleep 0.3; echo first-err >&2; sleep 2; echo second; sleep 0.3; echo second-err >&2'] });
  const c = await runContainer(docker, { name: other, cmd: ['sh', '-c', 'echo private'] });
  created.push(a.id, b.id, c.id);
  await Promise.all([a.wait(), b.wait(), c.wait()]);
}, 60_000);

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await berth.close();
});

describe('containers.searchLogs', () => {
  it('finds a line near the start of a 50,000-line log that the last 1,000 lines do not hold, colours kept', async () => {
    const caller = await testCaller({ name: 'viewer', role: 'viewer' });
    const loaded: string[] = [];
    for await (const batch of await caller.containers.logs({ engine: 'default', id: big, tail: 1000, follow: false })) loaded.push(...(batch as unknown as [string, { toJSON(): { text: string[] } }])[1].toJSON().text);
    expect(loaded).toHaveLength(1000);
    expect(loaded.some((t) => t.includes('needle-early'))).toBe(false);

    const steps = await search({ query: 'NEEDLE-early' });
    const last = steps[steps.length - 1]!;
    expect(last.done).toBe(true);
    expect(last.limited).toBe(false);
    expect(last.scanned).toBe(LINES);
    expect(allMatches(steps).map((m) => m.text)).toEqual(['\u001b[32mgreen needle-early\u001b[0m']);
  });

  it('takes regular expressions, the streams chosen and a limit', async () => {
    expect(allMatches(await search({ query: '^line 4999[0-9]$', regex: true })).map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${49990 + i}`));
    const stderr = allMatches(await search({ query: 'err', stdout: false }));
    expect(stderr.map((m) => [m.text, m.stderr])).toEqual([['err one', true], ['err two', true], ['err three', true]]);
    expect(allMatches(await search({ query: 'err', stderr: false }))).toEqual([]);
    const limited = await search({ query: 'line', limit: 25 });
    expect(allMatches(limited)).toHaveLength(25);
    expect(limited[limited.length - 1]!.limited).toBe(true);
    await expect(search({ query: '(a+)+$', regex: true })).rejects.toThrow(/repeats a repeated group/);
    await expect(search({ query: '(', regex: true })).rejects.toThrow(/Not a valid regular expression/);
  });

  it('ends the engine read when the search is closed', async () => {
    const before = openSockets();
    const ctl = new AbortController();
    const caller = await testCaller({ name: 'viewer', role: 'viewer' }, testRegistry(), ctl.signal);
    let first: SearchStep | undefined;
    for await (const step of await caller.containers.searchLogs({ engine: 'default', id: big, query: 'line', limit: 10_000 })) {
      first = step as SearchStep;
      break;
    }
    ctl.abort();
    expect(first!.scanned).toBeLessThan(LINES);
    const deadline = Date.now() + 2000;
    while (openSockets() > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(openSockets()).toBeLessThanOrEqual(before);
  });
});

describe('GET /api/logs/download', () => {
  const get = (query: string, headers: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) => fetch(`${base}/api/logs/download?${query}`, { headers, redirect: 'manual' });

  it('writes every line the engine holds, as a file', async () => {
    const res = await get(`engine=default&id=${big}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${big}-.*\\.log"$`));
    const text = await res.text();
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(await engineLineCount(big, { stdout: true, stderr: true }));
    expect(lines).toHaveLength(LINES);
    expect(lines.filter((l) => l.includes('needle'))).toEqual(['\u001b[32mgreen needle-early\u001b[0m']);
    expect(lines).toContain(`line ${LINES}`);
  });

  it('keeps to the streams and the time range chosen', async () => {
    const stamped = (await (await get(`engine=default&id=${timed}&timestamps=1`)).text()).trim().split('\n');
    expect(stamped.map((l) => l.slice(l.indexOf(' ') + 1))).toEqual(['first', 'first-err', 'second', 'second-err']);
    const out = (await (await get(`engine=default&id=${timed}&stderr=0`)).text()).trim().split('\n');
    expect(out).toEqual(['first', 'second']);
    expect(out).toHaveLength(await engineLineCount(timed, { stdout: true, stderr: false }));
    const secondAt = stamped[2]!.slice(0, stamped[2]!.indexOf(' '));
    const firstAt = Date.parse(stamped[0]!.slice(0, stamped[0]!.indexOf(' ')));
    expect((await (await get(`engine=default&id=${timed}&since=${encodeURIComponent(secondAt)}`)).text()).trim().split('\n')).toEqual(['second', 'second-err']);
    const until = new Date(firstAt + 1000).toISOString();
    expect((await (await get(`engine=default&id=${timed}&until=${encodeURIComponent(until)}&stdout=0`)).text()).trim().split('\n')).toEqual(['first-err']);
    expect((await get(`engine=default&id=${timed}&since=yesterday`)).status).toBe(400);
    expect((await get(`engine=default&id=${timed}&stdout=0&stderr=0`)).status).toBe(400);
  });

  it('needs a sign-in, and a share link reaches only its container', async () => {
    expect((await get(`engine=default&id=${big}`, {})).status).toBe(401);
    const made = await fetch(`${base}/api/trpc/access.createShare`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'download', engine: 'default', kind: 'container', target: timed, expiresInHours: 1 }),
    });
    const path = ((await made.json()) as { result: { data: { path: string } } }).result.data.path;
    const open = await fetch(`${base}${path}`, { redirect: 'manual' });
    const cookie = open.headers.get('set-cookie')!.split(';')[0]!;
    const mine = await get(`engine=default&id=${timed}`, { cookie });
    expect(mine.status).toBe(200);
    expect((await mine.text()).trim().split('\n')).toHaveLength(4);
    const refused = await get(`engine=default&id=${other}`, { cookie });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('private');
    expect((await get(`engine=default&id=${big}`, { cookie })).status).toBe(403);
  });
});
