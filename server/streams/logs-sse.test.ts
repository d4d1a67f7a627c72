import { readdirSync, readlinkSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf } from '@/components/logs/log-batch';
import { type Berth, startBerth } from '@/server/main';
import type { LogColumns } from '@/server/streams/logs';
import { runContainer, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { readSse } from '@/test/sse';

interface Line {
  id: string;
  stream: 'stdout' | 'stderr';
  ts: string;
  text: string;
  truncated?: boolean;
}

const docker = testDocker();
const TOKEN = 'logs-test-token';
let berth: Berth;
let base: string;
const created: string[] = [];

const SCRIPT = [
  'printf "out-1\\n"',
  'printf "err-1\\n" >&2',
  'printf "\\033[31mred\\033[0m plain\\n"',
  'printf "日本語 ✓ 🚢 ünïcode\\n"',
  'printf "crlf line\\r\\n"',
  'head -c 1048576 /dev/zero | tr "\\0" a; echo',
  'seq 1 100000 | sed "s/^/burst /"',
  'printf "err-2\\n" >&2',
  'printf "no newline at end"',
].join('; ');

function logsUrl(input: Record<string, unknown>): string {
  return `${base}/api/trpc/containers.logs?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** Every line read, and each event's id with how many lines it had read by its end. */
async function collect(input: Record<string, unknown>, opts: { lastEventId?: string; stopAfter?: number } = {}): Promise<{ lines: Line[]; lastId?: string; events: { id: string; end: number }[] }> {
  const lines: Line[] = [];
  const events: { id: string; end: number }[] = [];
  let lastId: string | undefined;
  await readSse(logsUrl(input), {
    headers: { authorization: `Bearer ${TOKEN}`, ...(opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {}) },
    onEvent(e) {
      if (e.event || !e.data) return;
      lines.push(...linesOf('t', e.id!, JSON.parse(e.data) as LogColumns));
      lastId = e.id;
      events.push({ id: e.id!, end: lines.length });
      if (opts.stopAfter !== undefined && lines.length >= opts.stopAfter) return false;
    },
  });
  return { lines, lastId, events };
}

/** Each line's resume id, "<timestamp>#<n>" (the n-th line with that timestamp), as a client can derive it. */
function resumeIds(lines: Line[]): string[] {
  let ts = '';
  let n = 0;
  return lines.map((l) => {
    n = l.ts === ts ? n + 1 : 0;
    ts = l.ts;
    return `${ts}#${n}`;
  });
}

const sameLine = (l: Line) => `${l.stream} ${l.ts} ${l.truncated ? 'cut ' : ''}${l.text}`;

function openSockets(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // fd closed while listing
    }
  }
  return n;
}

let name: string;

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-logs-')), token: TOKEN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  name = uniqueName('logs');
  const c = await runContainer(docker, { name, cmd: ['sh', '-c', SCRIPT] });
  created.push(c.id);
  await c.wait();
});

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await berth.close();
});

describe('containers.logs over plain SSE', () => {
  it('delivers every line once, in order, on the right stream', async () => {
    const { lines } = await collect({ engine: 'default', id: name });
    const stdout = lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
    const stderr = lines.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(stderr).toEqual(['err-1', 'err-2']);
    expect(stdout.slice(0, 4)).toEqual(['out-1', '\u001b[31mred\u001b[0m plain', '日本語 ✓ 🚢 ünïcode', 'crlf line']);
    const long = lines.find((l) => l.text.startsWith('aaaa'))!;
    expect(long.truncated).toBe(true);
    expect(long.text).toBe('a'.repeat(256 * 1024));
    const burst = stdout.filter((t) => t.startsWith('burst '));
    expect(burst).toHaveLength(100_000);
    expect(burst.every((t, i) => t === `burst ${i + 1}`)).toBe(true);
    expect(stdout[stdout.length - 1]).toBe('no newline at end');
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  });

  it('resumes after Last-Event-ID with no gap and no duplicate', async () => {
    const all = (await collect({ engine: 'default', id: name })).lines;
    const first = await collect({ engine: 'default', id: name }, { stopAfter: 40_000 });
    expect(first.lastId).toBeTruthy();
    const rest = await collect({ engine: 'default', id: name }, { lastEventId: first.lastId });
    const joined = [...first.lines, ...rest.lines];
    expect(joined.map(sameLine)).toEqual(all.map(sameLine));
  });

  it('sends each line once, without an id of its own: the event id is its last line\'s, and resuming from any event goes on after it', async () => {
    const { lines, events } = await collect({ engine: 'default', id: name });
    expect(events.length).toBeGreaterThan(1);
    const ids = resumeIds(lines);
    for (const e of events) expect(e.id).toBe(ids[e.end - 1]);
    // One in the first tenth, one in the middle of the burst and the one before the last.
    for (const e of [events[Math.floor(events.length / 10)]!, events[Math.floor(events.length / 2)]!, events[events.length - 2]!]) {
      const rest = await collect({ engine: 'default', id: name }, { lastEventId: e.id });
      expect(rest.lines.map(sameLine)).toEqual(lines.slice(e.end).map(sameLine));
    }
  });

  it('honours tail', async () => {
    const { lines } = await collect({ engine: 'default', id: name, tail: 3 });
    // The last three entries the engine holds; stderr's may be interleaved anywhere near the end.
    expect(lines).toHaveLength(3);
    expect(lines[2]!.text).toBe('no newline at end');
    for (const l of lines) expect(['burst 99998', 'burst 99999', 'burst 100000', 'err-2', 'no newline at end']).toContain(l.text);
  });

  it('follows a live container and releases the engine connection when the client goes away', async () => {
    const live = uniqueName('live');
    const c = await runContainer(docker, { name: live, cmd: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); usleep 20000; done'] });
    created.push(c.id);
    await new Promise((r) => setTimeout(r, 300));
    const before = openSockets();
    const seen: string[] = [];
    await readSse(logsUrl({ engine: 'default', id: live, follow: true, tail: 0 }), {
      headers: { authorization: `Bearer ${TOKEN}` },
      onEvent(e) {
        if (e.event || !e.data) return;
        seen.push(...(JSON.parse(e.data) as LogColumns).text);
        if (seen.length >= 20) return false;
      },
    });
    const nums = seen.map((t) => Number(t.split(' ')[1]));
    expect(nums.every((n, i) => i === 0 || n === nums[i - 1]! + 1)).toBe(true);
    // Client socket, server socket and the engine stream all close within a second.
    let now = openSockets();
    for (let i = 0; i < 20 && now > before; i++) {
      await new Promise((r) => setTimeout(r, 50));
      now = openSockets();
    }
    expect(now).toBeLessThanOrEqual(before);
  });

  it('refuses bad input with a sentence and an unknown container with NOT_FOUND, as SSE error events', async () => {
    const errorOf = async (input: Record<string, unknown>) => {
      let error: { message: string; data: { code: string; berthCode?: string } } | undefined;
      await readSse(logsUrl(input), {
        headers: { authorization: `Bearer ${TOKEN}` },
        onEvent(e) {
          if (e.event === 'serialized-error') {
            error = JSON.parse(e.data);
            return false;
          }
        },
      });
      return error;
    };
    const bad = await errorOf({ engine: 'default', id: 'no such' });
    expect(bad?.data.code).toBe('BAD_REQUEST');
    expect(bad?.message).toContain('id: must be a name or id');
    const missing = await errorOf({ engine: 'default', id: 'missing-container' });
    expect(missing?.data.code).toBe('NOT_FOUND');
    expect(missing?.message).toBe('Container missing-container was not found on this engine.');
  });
});
