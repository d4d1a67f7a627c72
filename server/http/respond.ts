// Small response helpers for the routes Berth serves itself (sign-in, health, refusals).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { plainError } from '../error-wire';
import type { BerthError } from '../errors';

export function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** A refusal in the same JSON shape as every tRPC error (one formatter), with the HTTP status its code maps to. */
export function sendError(res: ServerResponse, error: BerthError, headers: Record<string, string> = {}): void {
  const { status, body } = plainError(error);
  send(res, status, JSON.stringify(body), 'application/json', headers);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}, status = 302): void {
  send(res, status, '', 'text/plain', { location, ...headers });
}

export async function readBody(req: IncomingMessage, limit = 16_384): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const OWN = 'http://berth.invalid';

/**
 * Only paths on Berth are followed after sign-in, read the way the browser will read the Location header (WHATWG
 * URL: leading and trailing C0 controls and spaces dropped, tabs and newlines dropped anywhere, backslashes as
 * slashes), so a link cannot bounce the user elsewhere and no control character reaches a header.
 */
export function safeNext(value: string | null | undefined): string {
  const cleaned = (value ?? '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  let url: URL;
  try {
    url = new URL(cleaned, OWN);
  } catch {
    return '/';
  }
  // "/.//evil" resolves to the path "//evil", which a browser would read as another host.
  if (url.origin !== OWN || url.pathname.startsWith('//')) return '/';
  return url.pathname + url.search + url.hash;
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
