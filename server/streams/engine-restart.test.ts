// Fault test: a private dockerd restarts under open log, events and list streams, over SSE and the tab's WebSocket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EngineRegistry } from '@/server/engines/registry';
import { type Berth, startBerth } from '@/server/main';
import type { AppRouter } from '@/server/routers/_app';
import { TEST_IMAGE, type TestEngine, importBusybox, startTestEngine } from '@/test/engine';
import { followSse } from '@/test/sse';

interface Line {
  ts: string;
  text: string;
}
interface Event {
  id: string;
  type: string;
  action: string;
  name: string;
}

const TOKEN = 'restart-test-token';
const COUNTER = 'i=0; while true; do i=$((i+1)); echo line-$i; usleep 20000; done';

let dir: string;
let home: string;
let engine: TestEngine;
let berth: Berth;
let base: string;
let ticker: Docker.Container;
let later = '';

/** What each client received, and how its stream behaved. */
const sse = { lines: [] as Line[], events: [] as Event[], logEnd: { returned: false, connections: 0 }, eventsEnd: { returned: false, connections: 0 } };
const ws = { lines: [] as Line[], events: [] as Event[], logEnded: '', eventsEnded: '' };
const listAnswers: string[] = [];

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** An event's lines, sent as line objects or as columns ({ ts: [...], text: [...] }). */
function linesOf(data: unknown): Line[] {
  if (Array.isArray(data)) return data as Line[];
  const { ts, text } = data as { ts: string[]; text: string[] };
  return ts.map((stamp, i) => ({ ts: stamp, text: text[i]! }));
}

/** The counter started again: a "line-1" after the first line. */
const restarted = (lines: Line[]) => lines.findIndex((l, i) => i > 0 && l.text === 'line-1');

function url(path: string, input: unknown): string {
  return `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

async function listContainers(): Promise<{ ok: boolean; names: string[]; code?: string }> {
  try {
    const res = await fetch(url('containers.list', { engine: 'default' }), { headers: { authorization: `Bearer ${TOKEN}` } });
    const json = await res.json();
    if (!res.ok) return { ok: false, names: [], code: json.error?.data?.berthCode ?? json.error?.data?.code };
    return { ok: true, names: (json.result.data as { name: string }[]).map((r) => r.name) };
  } catch (err) {
    return { ok: false, names: [], code: String(err) };
  }
}

/** The engine's own log of the container, as "<timestamp> <text>" lines (no TTY: multiplexed frames). */
async function engineLog(): Promise<string[]> {
  const raw = (await ticker.logs({ stdout: true, stderr: true, timestamps: true, follow: false })) as unknown as Buffer;
  let text = '';
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    text += raw.subarray(at + 8, at + 8 + size).toString('utf8');
    at += 8 + size;
  }
  return text.split('\n').filter(Boolean);
}

async function stopEngine(): Promise<void> {
  // Not engine.stop(): that removes the containers first, and this test needs them to outlive the daemon.
  process.kill(engine.pid, 'SIGTERM');
  await until('dockerd to exit', () => {
    try {
      process.kill(engine.pid, 0);
      return false;
    } catch {
      return true;
    }
  });
}

const stop = new AbortController();
let wsClient: ReturnType<typeof createWSClient> | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-restart-'));
  engine = await startTestEngine({ dir });
  await importBusybox(engine.api);
  home = mkdtempSync(join(tmpdir(), 'berth-restart-home-'));
  const registry = new EngineRegistry({ env: { DOCKER_CONFIG: home } as unknown as NodeJS.ProcessEnv, homeDir: home, socketPath: engine.socket });
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home, token: TOKEN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry, quiet: true, ui: false },
  );
  const address = berth.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
  ticker = await engine.api.createContainer({
    name: 'ticker',
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', COUNTER],
    StopSignal: 'SIGKILL',
    HostConfig: { RestartPolicy: { Name: 'always' } },
  });
  await ticker.start();

  const headers = { authorization: `Bearer ${TOKEN}` };
  const logsInput = { engine: 'default', id: 'ticker', follow: true, tail: 'all' };
  const sseLogs = followSse(url('containers.logs', logsInput), {
    headers,
    signal: stop.signal,
    onEvent: (e) => {
      if (!e.event && e.data) sse.lines.push(...linesOf(JSON.parse(e.data)));
    },
  }).then((r) => (sse.logEnd = r));
  const sseEvents = followSse(url('system.events', { engine: 'default' }), {
    headers,
    signal: stop.signal,
    onEvent: (e) => {
      if (!e.event && e.data) sse.events.push(JSON.parse(e.data) as Event);
    },
  }).then((r) => (sse.eventsEnd = r));

  class TabSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { ...headers, origin: base } });
    }
  }
  wsClient = createWSClient({ url: `ws://127.0.0.1:${port}/api/trpc`, WebSocket: TabSocket as never, retryDelayMs: () => 200 });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  const wsLogs = trpc.containers.logs.subscribe(logsInput as never, {
    onData: (e) => ws.lines.push(...linesOf(e.data)),
    onComplete: () => (ws.logEnded ||= 'completed'),
    onError: (err) => (ws.logEnded ||= `failed: ${err.message}`),
  });
  const wsEvents = trpc.system.events.subscribe(
    { engine: 'default' },
    {
      onData: (e) => ws.events.push(e.data as Event),
      onComplete: () => (ws.eventsEnded ||= 'completed'),
      onError: (err) => (ws.eventsEnded ||= `failed: ${err.message}`),
    },
  );

  await until('lines before the restart', () => sse.lines.length >= 50 && ws.lines.length >= 50);
  await stopEngine();
  listAnswers.push((await listContainers()).code ?? 'rows');
  engine = await startTestEngine({ dir });
  await until('the list to answer again', async () => {
    const list = await listContainers();
    listAnswers.push(list.code ?? 'rows');
    return list.names.includes('ticker');
  });
  later = `after-restart-${Date.now().toString(36)}`;
  const after = await engine.api.createContainer({ name: later, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL' });
  await after.start();

  // Until each client holds 50 lines of the second run and has heard of the new container (or its stream gave up).
  const settled = (lines: Line[], ended: boolean) => ended || (restarted(lines) > 0 && lines.length - restarted(lines) >= 50);
  const heard = (events: Event[], ended: boolean) => ended || events.some((e) => e.name === later && e.action === 'start');
  await until('the streams to go on after the restart', () => settled(sse.lines, sse.logEnd.returned) && settled(ws.lines, Boolean(ws.logEnded)), 30_000).catch(() => {});
  await until('the new container to be heard of', () => heard(sse.events, sse.eventsEnd.returned) && heard(ws.events, Boolean(ws.eventsEnded)), 10_000).catch(() => {});
  stop.abort();
  // Leaving ends the subscriptions too: what they did before that is what counts.
  const before = { ...ws };
  wsLogs.unsubscribe();
  wsEvents.unsubscribe();
  Object.assign(ws, { logEnded: before.logEnded, eventsEnded: before.eventsEnded });
  await Promise.all([sseLogs, sseEvents]);
}, 120_000);

afterAll(async () => {
  stop.abort();
  wsClient?.close();
  await berth?.close();
  await engine?.stop();
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  rmSync(home, { recursive: true, force: true });
}, 60_000);

/** Received lines must be the engine's log from its start, in order, each once, up to the last one received. */
async function expectWholeLog(lines: Line[]): Promise<void> {
  const held = await engineLog();
  const got = lines.map((l) => `${l.ts} ${l.text}`);
  expect(restarted(lines)).toBeGreaterThan(0);
  expect(lines.length - restarted(lines)).toBeGreaterThanOrEqual(50);
  expect(got).toEqual(held.slice(0, got.length));
}

describe('the engine restarts under open streams', () => {
  it('keeps a followed log going over SSE: every line the engine holds, once, in order', async () => {
    expect(sse.logEnd.returned).toBe(false);
    await expectWholeLog(sse.lines);
  });

  it('keeps a followed log going over the WebSocket, with no gap and no duplicate', async () => {
    expect(ws.logEnded).toBe('');
    await expectWholeLog(ws.lines);
  });

  it('delivers events from after the restart over SSE and the WebSocket, none twice', () => {
    for (const events of [sse.events, ws.events]) {
      // The engine starts the ticker again as it boots, before Berth is back on its event stream.
      expect(events.filter((e) => e.name === 'ticker' && e.action === 'start')).toHaveLength(1);
      expect(events.filter((e) => e.name === later && e.action === 'start')).toHaveLength(1);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    }
    expect(sse.eventsEnd.returned).toBe(false);
    expect(ws.eventsEnded).toBe('');
  });

  it('answers the container list again once the engine is back', () => {
    expect(listAnswers[listAnswers.length - 1]).toBe('rows');
    for (const answer of listAnswers.slice(0, -1)) expect(['UNREACHABLE', 'rows']).toContain(answer);
  });
});
