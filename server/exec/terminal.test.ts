// The terminal WebSocket against the real engine: a shell that computes, resizes, ends cleanly, and refuses what it must.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Berth, startBerth } from '@/server/main';
import { runContainer, testCaller, testDocker, testRegistry, uniqueName } from '@/test/harness';
import { PROMPT, openTerminalClient } from '@/test/terminal-client';
import { SESSION_ENV } from './session';

const docker = testDocker();
const ADMIN = 'terminal-admin-token';
let berth: Berth;
let port: number;
let base: string;
let shellBox: string;
const created: string[] = [];

beforeAll(async () => {
  berth = await startBerth(
    { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-term-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd() },
    { registry: testRegistry(), quiet: true, ui: false },
  );
  const address = berth.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
  shellBox = uniqueName('term');
  created.push((await runContainer(docker, { name: shellBox })).id);
});

afterAll(async () => {
  await Promise.all(created.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => {})));
  await berth.close();
});

/** Processes in the container that belong to a Berth terminal, from the engine's own `top`. */
async function terminalProcesses(name: string): Promise<string[][]> {
  const top = await docker.getContainer(name).top({ ps_args: '-ef' });
  return (top.Processes ?? []).filter((p: string[]) => !/sleep 3600/.test(p.join(' ')));
}

/** Waits until no terminal process is left in the container; returns what is left after `ms`. */
async function leftovers(name: string, ms = 8000): Promise<string[][]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = await terminalProcesses(name);
    if (!left.length || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function post(path: string, input: unknown, auth: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) {
  const res = await fetch(`${base}/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(input) });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

describe('the terminal WebSocket', () => {
  it('runs a shell: echo $((6*7)) prints 42, stty size follows resize, and closing leaves no process behind', async () => {
    const t = await openTerminalClient({ port, token: ADMIN, id: shellBox, cols: 100, rows: 30 });
    await t.waitFor(PROMPT);
    expect(t.controls[0]).toMatchObject({ type: 'ready', mode: 'exec', command: 'sh' });
    t.type('echo $((6*7))\r');
    await t.waitFor(/\r\n42\r\n/);
    t.type('stty size\r');
    await t.waitFor(/30 100/);
    t.resize(120, 40);
    await new Promise((r) => setTimeout(r, 200));
    const mark = t.text().length;
    t.type('stty size\r');
    await t.waitFor(/40 120/, 5000, mark);
    t.type('sleep 600 &\r');
    await new Promise((r) => setTimeout(r, 300));
    expect((await terminalProcesses(shellBox)).length).toBeGreaterThan(0);
    t.ws.close();
    expect(await leftovers(shellBox)).toEqual([]);
    const log = berth.access.audit.list({ action: 'containers.terminal.end', limit: 1 });
    expect(log[0]).toMatchObject({ target: shellBox, result: 'ok' });
    expect(berth.access.audit.list({ action: 'containers.terminal', limit: 1 })[0]?.detail).toMatch(/started sh/);
  });

  it('ends when the shell exits, with its exit code', async () => {
    const t = await openTerminalClient({ port, token: ADMIN, id: shellBox });
    await t.waitFor(PROMPT);
    t.type('exit 3\r');
    expect((await t.closed).code).toBe(1000);
    expect(t.controls.at(-1)).toEqual({ type: 'exit', code: 3 });
  });

  it('takes a command, a user and a working directory; a missing command says so', async () => {
    const t = await openTerminalClient({ port, token: ADMIN, id: shellBox, command: "sh -c 'id -u; pwd; echo $" + SESSION_ENV + "'", user: '1000:1000', workdir: '/tmp' });
    await t.closed;
    expect(t.text()).toMatch(/1000\r\n\/tmp\r\n[0-9a-f-]{36}/);
    const missing = await openTerminalClient({ port, token: ADMIN, id: shellBox, command: 'no-such-command' });
    await missing.closed;
    expect(missing.text() + JSON.stringify(missing.controls)).toMatch(/no-such-command|not found/);
    expect(missing.controls.at(-1)).toMatchObject({ type: expect.stringMatching(/exit|error/) });
  });

  it('keeps UTF-8 characters whole and carries Ctrl-C', async () => {
    const t = await openTerminalClient({ port, token: ADMIN, id: shellBox });
    await t.waitFor(PROMPT);
    t.type("printf 'h\\303\\251llo \\342\\202\\254\\n'\r");
    await t.waitFor(/héllo €/);
    t.type('sleep 100\r');
    await new Promise((r) => setTimeout(r, 200));
    const mark = t.text().length;
    t.type('\x03');
    await t.waitFor(PROMPT, 3000, mark);
    t.ws.close();
  });

  it('refuses a missing, stopped or paused container with a sentence', async () => {
    const missing = await openTerminalClient({ port, token: ADMIN, id: 'no-such-container' });
    await missing.closed;
    expect(missing.controls).toEqual([{ type: 'error', code: 'NOT_FOUND', message: 'Container no-such-container was not found on this engine.' }]);
    const stoppedName = uniqueName('term-stopped');
    created.push((await runContainer(docker, { name: stoppedName, start: false })).id);
    const stopped = await openTerminalClient({ port, token: ADMIN, id: stoppedName });
    await stopped.closed;
    expect(stopped.controls[0]).toMatchObject({ type: 'error', code: 'NOT_RUNNING', message: `Container ${stoppedName} is not running: start it to open a terminal.` });
    const pausedName = uniqueName('term-paused');
    const paused = await runContainer(docker, { name: pausedName });
    created.push(paused.id);
    await paused.pause();
    const onPaused = await openTerminalClient({ port, token: ADMIN, id: pausedName });
    await onPaused.closed;
    expect(onPaused.controls[0]).toMatchObject({ type: 'error', code: 'PAUSED' });
    const attach = await openTerminalClient({ port, token: ADMIN, id: shellBox, mode: 'attach' });
    await attach.closed;
    expect(attach.controls[0]).toMatchObject({ type: 'error', code: 'NO_TTY' });
  });

  it('attaches to a container started with -it; detaching leaves it running', async () => {
    const name = uniqueName('term-it');
    const c = await docker.createContainer({ name, Image: 'berth-test/busybox:latest', Cmd: ['sh'], Tty: true, OpenStdin: true, StopSignal: 'SIGKILL' });
    created.push(c.id);
    await c.start();
    const t = await openTerminalClient({ port, token: ADMIN, id: name, mode: 'attach' });
    t.type('echo $((6*7))\r');
    await t.waitFor(/42/);
    t.type('\x10\x11');
    await t.closed;
    expect((await c.inspect()).State.Running).toBe(true);
  });

  it('refuses viewers, other sites and no credential at the upgrade', async () => {
    const made = await post('access.createUser', { name: uniqueName('viewer').slice(0, 60), role: 'viewer', password: 'correct horse battery staple' });
    expect(made.status).toBe(200);
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: made.json.result.data.name, password: 'correct horse battery staple' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await expect(openTerminalClient({ port, cookie, id: shellBox })).rejects.toMatchObject({ status: 403 });
    await expect(openTerminalClient({ port, id: shellBox })).rejects.toMatchObject({ status: 401 });
  });

  it('ends the shell when the token is revoked', async () => {
    const made = await post('access.createToken', { name: uniqueName('tok').slice(0, 60) });
    const token = made.json.result.data.token as string;
    const t = await openTerminalClient({ port, token, id: shellBox });
    await t.waitFor(PROMPT);
    await post('access.revokeToken', { id: made.json.result.data.row.id });
    expect((await t.closed).code).toBe(4401);
    expect(await leftovers(shellBox)).toEqual([]);
  });

  it("lists the container's processes with the terminal's own marked, for admins only", async () => {
    const t = await openTerminalClient({ port, token: ADMIN, id: shellBox });
    await t.waitFor(PROMPT);
    t.type('sleep 500\r');
    await new Promise((r) => setTimeout(r, 400));
    const admin = await testCaller(undefined, berth.registry);
    const top = await admin.containers.top({ engine: 'default', id: shellBox });
    expect(top.titles).toContain('PID');
    const cmd = top.titles.length - 1;
    expect(top.rows.find((r) => r.cells[cmd] === 'sleep 3600')?.terminal).toBe(false);
    expect(top.rows.find((r) => r.cells[cmd] === 'sleep 500')?.terminal).toBe(true);
    t.ws.close();
    const viewer = await testCaller({ name: 'v', role: 'viewer' }, berth.registry);
    await expect(viewer.containers.top({ engine: 'default', id: shellBox })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stopped = uniqueName('top-stopped');
    created.push((await runContainer(docker, { name: stopped, start: false })).id);
    await expect(admin.containers.top({ engine: 'default', id: stopped })).rejects.toThrow(`Container ${stopped} is not running: it has no processes to show.`);
    expect(await leftovers(shellBox)).toEqual([]);
  });

  it('is served under the base path, behind the same guard', async () => {
    const based = await startBerth(
      { port: 0, host: '127.0.0.1', home: mkdtempSync(join(tmpdir(), 'berth-term-base-')), token: ADMIN, allowedHosts: [], dev: false, root: process.cwd(), basePath: '/berth' },
      { registry: testRegistry(), quiet: true, ui: false },
    );
    try {
      const address = based.server.address();
      const basedPort = typeof address === 'object' && address ? address.port : 0;
      const t = await openTerminalClient({ port: basedPort, basePath: '/berth', token: ADMIN, id: shellBox, command: "sh -c 'echo $((6*7))'" });
      await t.closed;
      expect(t.text()).toContain('42');
      await expect(openTerminalClient({ port: basedPort, token: ADMIN, id: shellBox })).rejects.toMatchObject({ status: 404 });
    } finally {
      await based.close();
    }
  });
});
