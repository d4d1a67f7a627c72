// A minimal SSE reader over fetch, for tests and benchmarks of Berth's subscription endpoints.
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Reads events from `url` until `onEvent` returns false, `init.signal` aborts or the stream ends. */
export async function readSse(url: string, init: RequestInit & { onEvent: (e: SseEvent) => boolean | void }): Promise<{ ended: boolean }> {
  const ctl = new AbortController();
  if (init.signal?.aborted) return { ended: false };
  init.signal?.addEventListener('abort', () => ctl.abort(), { once: true });
  const res = await fetch(url, { ...init, signal: ctl.signal, headers: { accept: 'text/event-stream', ...(init.headers as Record<string, string>) } });
  if (!res.ok || !res.body) throw new Error(`SSE request failed with ${res.status}: ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { ended: true };
      buf += value;
      let sep: number;
      while ((sep = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        const e: SseEvent = { data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          const i = line.indexOf(':');
          if (i === 0) continue;
          const field = i < 0 ? line : line.slice(0, i);
          const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
          if (field === 'data') data.push(value);
          else if (field === 'id') e.id = value;
          else if (field === 'event') e.event = value;
        }
        e.data = data.join('\n');
        if (init.onEvent(e) === false) {
          ctl.abort();
          return { ended: false };
        }
      }
    }
  } catch (err) {
    if (ctl.signal.aborted) return { ended: false };
    throw err;
  } finally {
    reader.releaseLock?.();
  }
}

/**
 * Reads `url` as a browser's EventSource would, and as tRPC's client does with its events: when the connection
 * ends or fails without the server's `return` event, it reconnects with the last `id:` as Last-Event-ID. A
 * `serialized-error` counts as a failed connection too (the engine being down is one). Runs until `signal`
 * aborts or the server sends `return`.
 */
export async function followSse(
  url: string,
  init: { headers?: Record<string, string>; signal: AbortSignal; retryMs?: number; onEvent: (e: SseEvent) => void },
): Promise<{ connections: number; errors: string[]; returned: boolean }> {
  let lastEventId: string | undefined;
  let connections = 0;
  const errors: string[] = [];
  let returned = false;
  while (!init.signal.aborted && !returned) {
    connections++;
    try {
      await readSse(url, {
        headers: { ...init.headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: init.signal,
        onEvent(e) {
          if (init.signal.aborted) return false;
          if (e.id) lastEventId = e.id;
          if (e.event === 'return') returned = true;
          else if (e.event === 'serialized-error') errors.push(e.data);
          init.onEvent(e);
        },
      });
    } catch (err) {
      errors.push(String(err));
    }
    if (!returned && !init.signal.aborted) await new Promise((r) => setTimeout(r, init.retryMs ?? 200));
  }
  return { connections, errors, returned };
}
