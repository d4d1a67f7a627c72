// The terminal's framing: control messages, bytes passed whole, and backpressure both ways.
import { EventEmitter } from 'node:events';
import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseClientControl } from '@/lib/exec-protocol';
import { isExecUser, isWorkdir, splitCommand } from './command';
import { HIGH_WATER, type TerminalSocket, holdEarlyMessages, pump } from './pump';

class FakeSocket extends EventEmitter implements TerminalSocket {
  bufferedAmount = 0;
  readyState = 1;
  sent: (Buffer | string)[] = [];
  paused = false;
  send(data: Buffer | string) {
    this.sent.push(data);
  }
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close');
  }
}

const hooks = (log: string[] = []) => ({
  resize: (c: number, r: number) => void log.push(`resize ${c}x${r}`),
  exitCode: async () => 0,
  end: () => void log.push('end'),
});

describe('control messages', () => {
  it('accepts resize and close, and nothing else', () => {
    expect(parseClientControl('{"type":"resize","cols":120,"rows":40}')).toEqual({ type: 'resize', cols: 120, rows: 40 });
    expect(parseClientControl('{"type":"close"}')).toEqual({ type: 'close' });
    expect(parseClientControl('{"type":"flow","paused":true}')).toEqual({ type: 'flow', paused: true });
    expect(parseClientControl('{"type":"flow","paused":"yes"}')).toBeNull();
    for (const bad of ['{"type":"resize","cols":0,"rows":40}', '{"type":"resize","cols":1.5,"rows":4}', '{"type":"resize","cols":"80","rows":24}', '{"type":"resize","cols":100000,"rows":24}', 'not json', 'null', '{"type":"exec"}', `{"type":"close","x":"${'a'.repeat(300)}"}`]) {
      expect(parseClientControl(bad), bad).toBeNull();
    }
  });

  it('splits a typed command like a shell does for words and quotes, and checks users and directories', () => {
    expect(splitCommand(`sh -c 'echo "a b"; exit 3'`)).toEqual(['sh', '-c', 'echo "a b"; exit 3']);
    expect(splitCommand(`  bash   -l `)).toEqual(['bash', '-l']);
    expect(splitCommand(`printf "%s\\n" a\\ b ''`)).toEqual(['printf', '%s\\n', 'a b', '']);
    expect(['root', '1000', '1000:1000', 'www-data:www-data'].every(isExecUser)).toBe(true);
    expect(['', 'a b', 'x;rm', ':1000', 'a:b:c'].some(isExecUser)).toBe(false);
    expect(isWorkdir('/srv/app')).toBe(true);
    expect(isWorkdir('srv')).toBe(false);
    expect(isWorkdir('/a\nb')).toBe(false);
  });
});

describe('pump', () => {
  it('passes output bytes as they come: a character split across frames decodes whole', async () => {
    const ws = new FakeSocket();
    const engine = new PassThrough();
    void pump(ws, engine, hooks());
    const text = 'héllo € 😀 ok';
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i++) engine.write(bytes.subarray(i, i + 1));
    await new Promise((r) => setImmediate(r));
    const decoder = new TextDecoder();
    const out = ws.sent.map((b) => decoder.decode(b as Buffer, { stream: true })).join('') + decoder.decode();
    expect(out).toBe(text);
  });

  it('sends input to the engine, resizes on a control message, and reports the exit when the engine ends', async () => {
    const ws = new FakeSocket();
    const written: Buffer[] = [];
    const engine = new Duplex({ read() {}, write: (c, _e, cb) => (written.push(c), cb()) });
    const log: string[] = [];
    const done = pump(ws, engine, hooks(log), [[Buffer.from('early'), true]]);
    ws.emit('message', Buffer.from('ls\r'), true);
    ws.emit('message', Buffer.from('{"type":"resize","cols":100,"rows":30}'), false);
    await new Promise((r) => setImmediate(r));
    expect(Buffer.concat(written).toString()).toBe('earlyls\r');
    engine.push(null);
    await done;
    expect(log).toEqual(['resize 100x30', 'end']);
    expect(ws.sent.at(-1)).toBe('{"type":"exit","code":0}');
    expect(ws.readyState).toBe(3);
  });

  it('pauses the engine while the socket holds too much, and resumes once it drains', async () => {
    const ws = new FakeSocket();
    const engine = new PassThrough();
    void pump(ws, engine, hooks());
    ws.bufferedAmount = HIGH_WATER + 1;
    engine.write(Buffer.alloc(10));
    await new Promise((r) => setImmediate(r));
    expect(engine.isPaused()).toBe(true);
    ws.bufferedAmount = 0;
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.isPaused()).toBe(false);
  });

  it("holds the engine while the browser's terminal is behind, and goes on when it says so", async () => {
    const ws = new FakeSocket();
    const engine = new PassThrough();
    void pump(ws, engine, hooks());
    engine.write(Buffer.from('x'));
    await new Promise((r) => setImmediate(r));
    ws.emit('message', Buffer.from('{"type":"flow","paused":true}'), false);
    expect(engine.isPaused()).toBe(true);
    ws.emit('message', Buffer.from('{"type":"flow","paused":false}'), false);
    expect(engine.isPaused()).toBe(false);
  });

  it('stops reading the socket while the engine does not take input, and reads again on drain', async () => {
    const ws = new FakeSocket();
    let release!: () => void;
    const engine = new Duplex({ read() {}, highWaterMark: 4, write: (_c, _e, cb) => (release = cb) });
    void pump(ws, engine, hooks());
    ws.emit('message', Buffer.alloc(64), true);
    expect(ws.paused).toBe(true);
    release();
    await new Promise((r) => setImmediate(r));
    expect(ws.paused).toBe(false);
  });

  it('ends the process when the browser leaves, and keeps what the browser sent before the engine was ready', async () => {
    const ws = new FakeSocket();
    const take = holdEarlyMessages(ws);
    ws.emit('message', Buffer.from('a'), true);
    expect(take()).toEqual([[Buffer.from('a'), true]]);
    const log: string[] = [];
    const done = pump(ws, new PassThrough(), hooks(log));
    ws.close();
    await done;
    expect(log).toEqual(['end']);
  });
});
