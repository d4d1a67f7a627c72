import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HIGH_WATER, waitForRoom } from './backpressure';

/** A stand-in for `ws`'s WebSocket: what it has queued, and its TCP socket's 'drain'. */
function fakeSocket(buffered: number) {
  const tcp = new EventEmitter();
  return { bufferedAmount: buffered, _socket: tcp as EventEmitter & { once: never; off: never } };
}

async function settledSoon(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

describe('waitForRoom', () => {
  it('lets a subscription send while its WebSocket holds little', async () => {
    expect(await settledSoon(waitForRoom(fakeSocket(16 * 1024)))).toBe(true);
  });

  it('holds a subscription whose WebSocket already holds a megabyte, until the socket drained', async () => {
    const socket = fakeSocket(1024 * 1024);
    const wait = waitForRoom(socket);
    expect(await settledSoon(wait)).toBe(false);
    socket.bufferedAmount = 0;
    socket._socket.emit('drain');
    expect(await settledSoon(wait)).toBe(true);
  });

  it('lets go when the subscription ends, however full the socket', async () => {
    const stop = new AbortController();
    const wait = waitForRoom(fakeSocket(HIGH_WATER * 4), stop.signal);
    stop.abort();
    await expect(wait).resolves.toBeUndefined();
  });
});
