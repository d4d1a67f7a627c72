// A minimal SSE reader over fetch, for tests and benchmarks of Berth's subscription endpoints.
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Reads events from `url` until `onEvent` returns false or the stream ends. */
export async function readSse(url: string, init: RequestInit & { onEvent: (e: SseEvent) => boolean | void }): Promise<{ ended: boolean }> {
  const ctl = new AbortController();
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
