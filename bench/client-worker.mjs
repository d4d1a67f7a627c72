// A benchmark client in its own thread, as a browser or curl would be in its own process:
// reads a whole response (raw Docker logs, or Berth's SSE) and reports how long it took.
import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

function readRaw({ socketPath, path }) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request({ socketPath, path }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - t, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function readSse({ url, headers }) {
  const t = performance.now();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let lines = 0;
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
      if (data && data.length > 6) lines += JSON.parse(data.slice(6)).length;
    }
  }
  return { ms: performance.now() - t, lines };
}

const job = workerData;
const result = job.kind === 'raw' ? await readRaw(job) : await readSse(job);
parentPort.postMessage(result);
