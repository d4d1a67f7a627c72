// The guard in front of every request: Host allow-list (DNS rebinding) and Origin check on state changes.
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { TLSSocket } from 'node:tls';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
// Letters, digits and hyphens per label, plus "_" as Docker names containers; IPv4 literals fit too.
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

export interface Authority {
  /** Lower-cased; an IPv6 literal keeps its brackets. */
  name: string;
  port?: number;
}

/**
 * Reads a Host header (or an Origin's host) whole: an IPv6 literal in brackets or a host name, then at most
 * ":port". Anything else – userinfo, spaces, text after the literal or the port – is no authority at all.
 */
export function parseAuthority(value: string | undefined): Authority | undefined {
  if (!value) return undefined;
  const m = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.toLowerCase());
  if (!m) return undefined;
  const name = m[1]!;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && port > 65_535) return undefined;
  const valid = name.startsWith('[') ? isIPv6(name.slice(1, -1)) : name.length <= 253 && name.split('.').every((l) => LABEL.test(l));
  return valid ? { name, port } : undefined;
}

/** The host name of a Host header, without its port; lower-cased. */
export function hostName(host: string | undefined): string | undefined {
  return parseAuthority(host)?.name;
}

export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  const name = hostName(host);
  if (!name) return false;
  return LOOPBACK.has(name) || allowed.includes(name);
}

/** The check for every request and upgrade: exactly one Host header (Node keeps only the first), and an allowed one. */
export function isAllowedRequestHost(req: IncomingMessage, allowed: readonly string[]): boolean {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') count++;
  return count === 1 && isAllowedHost(req.headers.host, allowed);
}

/**
 * The scheme the browser used: TLS here, or https as a proxy in front reports it. A page cannot forge
 * X-Forwarded-Proto: browsers send no custom header across sites without a CORS preflight Berth never grants.
 */
function schemeOf(req: IncomingMessage): 'http' | 'https' {
  if ((req.socket as TLSSocket | undefined)?.encrypted) return 'https';
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim().toLowerCase();
  return forwarded === 'https' ? 'https' : 'http';
}

function ownOrigin(req: IncomingMessage): string | undefined {
  if (!parseAuthority(req.headers.host)) return undefined;
  try {
    return new URL(`${schemeOf(req)}://${req.headers.host}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * A state-changing request from a page must come from Berth's own origin – scheme, host and port (CSRF). Browsers
 * send Origin "null" on form posts under Referrer-Policy no-referrer, so Sec-Fetch-Site decides then. Requests with
 * neither (curl, scripts) pass: they carry a token, not an ambient cookie.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    const own = ownOrigin(req);
    try {
      return own !== undefined && new URL(origin).origin === own;
    } catch {
      return false;
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (site) return site === 'same-origin' || site === 'none';
  return origin !== 'null';
}
