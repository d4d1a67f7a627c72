// Holds a subscription while its WebSocket's send buffer is full, so a slow client pauses the engine stream instead of filling memory.
export interface SendBuffer {
  readonly bufferedAmount: number;
}

const HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 512 * 1024;

export async function waitForRoom(socket: SendBuffer | undefined, signal?: AbortSignal): Promise<void> {
  if (!socket || socket.bufferedAmount < HIGH_WATER) return;
  while (socket.bufferedAmount > LOW_WATER && !signal?.aborted) {
    await new Promise((r) => setTimeout(r, 25));
  }
}
