// The rules every engine request follows: redirects are never followed, and answers that are not streams have a deadline.
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type Docker from 'dockerode';
import { BerthError } from '../errors';

/** How long a call that is not a stream may take, unless it asks the engine to wait (see deadlineFor). */
export const ENGINE_DEADLINE_MS = 30_000;

export interface EngineRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: Record<string, unknown>;
  /** Logs, events, stats, attach, pulls and uploads: their answer lasts as long as the user needs it. */
  stream: boolean;
}

type Done = (err: unknown, data?: unknown) => void;
type Send = (signal: AbortSignal | undefined, done: Done) => void;

interface Rules {
  where: string;
  deadlineMs: number;
}

interface DialOptions {
  method: string;
  path: string;
  options?: Record<string, unknown>;
  abortSignal?: AbortSignal;
  isStream?: boolean;
  hijack?: boolean;
  openStdin?: boolean;
  file?: unknown;
}

interface Dialer {
  dial(options: DialOptions, callback: Done): void;
}

const rulesOf = new WeakMap<object, Rules>();

/** The deadline for `req` in ms, or null for calls that end when the engine has done what they ask, however long. */
export function deadlineFor(req: EngineRequest, deadlineMs: number): number | null {
  if (req.stream) return null;
  const post = req.method === 'POST';
  if (req.method === 'GET' && req.path === '/system/df') return null;
  if (post && /^\/(containers|images|volumes|networks|build)\/prune$|^\/containers\/[^/]+\/wait$|^\/commit$/.test(req.path)) return null;
  if (post && /^\/containers\/[^/]+\/(stop|restart)$/.test(req.path)) {
    // The engine waits up to t seconds for the container to stop; without t, up to the container's own stop timeout.
    const t = Number(req.query.t);
    return req.query.t === undefined || !Number.isFinite(t) ? null : deadlineMs + Math.max(t, 0) * 1000;
  }
  return deadlineMs;
}

/** Applies Berth's rules to a dockerode client; every client Berth creates goes through here. */
export function guardClient(api: Docker, where: string, deadlineMs = ENGINE_DEADLINE_MS): Docker {
  stopFollowingRedirects();
  const modem = api.modem as unknown as Dialer;
  if (rulesOf.has(modem)) return api;
  const rules = { where, deadlineMs };
  rulesOf.set(modem, rules);
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const [path = ''] = options.path.split('?');
    const stream = Boolean(options.isStream || options.hijack || options.openStdin || options.file);
    const req = { method: options.method, path, query: options.options ?? {}, stream };
    guarded(rules, req, options.abortSignal, (signal, done) => dial({ ...options, abortSignal: signal }, done), callback);
  };
  return api;
}

/** Runs a request Berth sends itself (not through docker-modem) under the same rules as `api`'s other calls. */
export function guardedRequest<T>(api: Docker, method: string, pathAndQuery: string, send: Send): Promise<T> {
  const modem = api.modem as { socketPath?: unknown; host?: unknown };
  const where = typeof modem.socketPath === 'string' ? `the socket ${modem.socketPath}` : String(modem.host ?? 'its address');
  const rules = rulesOf.get(modem) ?? { where, deadlineMs: ENGINE_DEADLINE_MS };
  const url = new URL(pathAndQuery, 'http://engine.invalid');
  const req = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), stream: false };
  return new Promise((resolve, reject) => guarded(rules, req, undefined, send, (err, data) => (err ? reject(err) : resolve(data as T))));
}

function guarded(rules: Rules, req: EngineRequest, callerSignal: AbortSignal | undefined, send: Send, callback: Done): void {
  const limit = deadlineFor(req, rules.deadlineMs);
  if (limit === null) return send(callerSignal, (err, data) => callback(refuseRedirect(err, rules.where), data));
  const deadline = new AbortController();
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal;
  let settled = false;
  const finish: Done = (err, data) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    callback(err, data);
  };
  const timer = setTimeout(() => {
    finish(timeoutError(rules.where, limit, req.method));
    // Aborting destroys the request and its socket; the error it reports afterwards is ignored.
    deadline.abort();
  }, limit);
  send(signal, (err, data) => finish(refuseRedirect(err, rules.where), data));
}

function timeoutError(where: string, ms: number, method: string): BerthError {
  const took = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
  const change = method === 'GET' || method === 'HEAD' ? '' : ' It may still carry the change out.';
  return new BerthError('TIMEOUT', `The engine at ${where} did not answer within ${took}.${change}`);
}

function refuseRedirect(err: unknown, where: string): unknown {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 300 || status > 399 || status === 304) return err;
  return new BerthError('ENGINE_ERROR', `The engine at ${where} answered with a redirect, which Berth does not follow.`, { cause: err });
}

let redirectsOff = false;

/**
 * docker-modem sends its requests through lib/http.js, which follows a redirect to whatever URL the Location header
 * names, off the engine's socket and without the request's signal. Its exports are replaced, once per process, by
 * Node's own request functions, which never follow: a 3xx then reaches docker-modem as an ordinary failed answer.
 */
function stopFollowingRedirects(): void {
  if (redirectsOff) return;
  const fromDockerode = createRequire(createRequire(import.meta.url).resolve('dockerode'));
  const modemHttp = fromDockerode('docker-modem/lib/http.js') as Partial<Record<'http' | 'https', { request?: unknown }>>;
  if (typeof modemHttp.http?.request !== 'function' || typeof modemHttp.https?.request !== 'function') {
    throw new Error('docker-modem/lib/http.js no longer has the shape Berth expects; check how it handles redirects.');
  }
  modemHttp.http.request = http.request;
  modemHttp.https.request = https.request;
  redirectsOff = true;
}
