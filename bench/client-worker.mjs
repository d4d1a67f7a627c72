// A benchmark client in its own thread, as a browser or curl would be in its own process:
// reads a whole response (raw Docker logs, or Berth's SSE) and reports how long it took,
// or follows a log with many clients at once (SSE, or WebSockets speaking tRPC's protocol).
import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/** Lines in one event's data, whatever its shape (an array of lines, or columns of them). */
function countLines(data) {
  return Array.isArray(data) ? data.length : (data?.text?.length ?? 0);
}

/** Reads a whole response and counts its bytes, as curl would: the raw logs API, or Berth's SSE. */
function readRaw({ socketPath, port, path, headers }) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request({ socketPath, port, host: port ? '127.0.0.1' : undefined, path, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - t, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads SSE events from `url` until the stream ends or the clock passes `until`; returns the lines seen. */
async function readSse({ url, headers, until = Infinity }) {
  const t = performance.now();
  const ctl = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ctl.signal });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let lines = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let sep;
      while ((sep = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        const fields = block.split('\n');
        if (fields.some((l) => l.startsWith('event:'))) continue;
        const data = fields.find((l) => l.startsWith('data: '));
        if (data && data.length > 6) lines += countLines(JSON.parse(data.slice(6)));
      }
      if (Date.now() > until) {
        ctl.abort();
        break;
      }
    }
  } catch (err) {
    if (!ctl.signal.aborted) throw err;
  }
  return { ms: performance.now() - t, lines };
}

/** One WebSocket subscribed to containers.logs the way tRPC's wsLink does it; resolves at `until`. */
function followWs({ wsUrl, headers, input, until }) {
  return new Promise((resolve) => {
    let lines = 0;
    let error;
    const ws = new WebSocket(wsUrl, { headers });
    const timer = setTimeout(() => ws.terminate(), Math.max(0, until - Date.now()));
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'containers.logs', input } })));
    ws.on('message', (raw) => {
      const text = raw.toString();
      if (text === 'PING') return ws.send('PONG');
      const msg = JSON.parse(text);
      if (msg.error) error = msg.error.message;
      else if (msg.result?.type === 'data') lines += countLines(msg.result.data.data);
    });
    ws.on('close', () => {
      clearTimeout(timer);
      resolve({ lines, error });
    });
    ws.on('error', (err) => (error = String(err)));
  });
}

async function follow({ transport, count, ms, url, wsUrl, headers, input }) {
  const until = Date.now() + ms;
  const one = transport === 'ws' ? () => followWs({ wsUrl, headers, input, until }) : () => readSse({ url, headers, until });
  const results = await Promise.all(Array.from({ length: count }, one));
  const failed = results.filter((r) => r.error);
  return { lines: results.reduce((n, r) => n + r.lines, 0), failed: failed.length, error: failed[0]?.error };
}

const job = workerData;
const result = job.kind === 'raw' ? await readRaw(job) : job.kind === 'follow' ? await follow(job) : await readSse(job);
parentPort.postMessage(result);
