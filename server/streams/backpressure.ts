// Holds a subscription while its WebSocket's send buffer is full, so a slow client pauses the engine stream instead of filling memory.
export interface SendBuffer {
  readonly bufferedAmount: number;
  /** `ws` keeps the TCP socket here; its 'drain' says the buffer emptied, sooner than a timer would. */
  readonly _socket?: { once(event: 'drain' | 'close', listener: () => void): unknown; off(event: 'drain' | 'close', listener: () => void): unknown } | null;
}

/**
 * A subscription sends at most one more event once the socket holds this much; a tab's streams share one socket,
 * so a tab holds at most this plus one event per stream, and 50 slow tabs stay within a few tens of MB.
 */
export const HIGH_WATER = 256 * 1024;
const LOW_WATER = 64 * 1024;
/** Re-checks this often when no 'drain' comes (a socket that is gone, or `ws` queueing above the socket). */
const POLL_MS = 50;

function drainOrTimeout(socket: SendBuffer): Promise<void> {
  return new Promise((resolve) => {
    const tcp = socket._socket;
    const done = () => {
      clearTimeout(timer);
      tcp?.off('drain', done);
      tcp?.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, POLL_MS);
    tcp?.once('drain', done);
    tcp?.once('close', done);
  });
}

export async function waitForRoom(socket: SendBuffer | undefined, signal?: AbortSignal): Promise<void> {
  if (!socket || socket.bufferedAmount < HIGH_WATER) return;
  while (socket.bufferedAmount > LOW_WATER && !signal?.aborted) await drainOrTimeout(socket);
}
