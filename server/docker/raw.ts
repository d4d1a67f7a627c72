// A lean GET for hot list endpoints: straight over the unix socket when there is one, docker-modem otherwise.
import { request } from 'node:http';
import type Docker from 'dockerode';
import { guardedRequest } from '../engines/guard';

interface ModemLike {
  socketPath?: string;
  dial(opts: Record<string, unknown>, cb: (err: unknown, data: unknown) => void): void;
}

/** GET `path` on the engine and parse the JSON body; errors look like docker-modem's (statusCode, json). */
export function getJson<T>(api: Docker, path: string): Promise<T> {
  const modem = api.modem as unknown as ModemLike;
  const socketPath = modem.socketPath;
  if (!socketPath) {
    return new Promise((resolve, reject) => {
      modem.dial({ path, method: 'GET', statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' }, options: {} }, (err, data) =>
        err ? reject(err) : resolve(data as T),
      );
    });
  }
  return guardedRequest<T>(api, 'GET', path, (signal, done) => {
    const req = request({ socketPath, path, method: 'GET', headers: { accept: 'application/json' }, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', done);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = { message: text };
        }
        if (res.statusCode === 200) done(null, json);
        else done(Object.assign(new Error((json as { message?: string }).message ?? `HTTP ${res.statusCode}`), { statusCode: res.statusCode, json }));
      });
    });
    req.on('error', done);
    req.end();
  });
}
