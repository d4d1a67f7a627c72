// Sign-in routes: the printed token link, the login form (token or user and password), share links, sign-out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Access } from '../auth/access';
import { BerthError } from '../errors';
import { type Attempt, tooManyFailures } from '../auth/limiter';
import { clientAddress, readBody, redirect, safeNext, send, sendError } from './respond';

export interface SignInDeps {
  access: Access;
  basePath: string;
  secure: boolean;
}

export function scopePage(share: { engine: string; kind: 'project' | 'container'; target: string }): string {
  const engine = encodeURIComponent(share.engine);
  return share.kind === 'project'
    ? `/e/${engine}/containers?project=${encodeURIComponent(share.target)}`
    : `/e/${engine}/containers/${encodeURIComponent(share.target)}/logs`;
}

/** User names are matched without regard to case (the users table is COLLATE NOCASE), so their back-off is too. */
function userKey(name: string): string {
  return `user ${name.toLowerCase().slice(0, 256)}`;
}

/** Runs the check with the attempt reserved, and counts it as failed unless it gave a session. */
async function settled<T>(attempt: Extract<Attempt, { allowed: true }>, check: () => Promise<T | null>): Promise<T | null> {
  let result: T | null = null;
  try {
    result = await check();
  } finally {
    attempt.end(result !== null);
  }
  return result;
}

/** Handles the route when it is one of these; returns false otherwise. */
export async function handleSignIn(deps: SignInDeps, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<boolean> {
  const { access, basePath, secure } = deps;
  const cookieOpts = { secure, path: basePath || '/' };
  const method = req.method ?? 'GET';
  const address = clientAddress(req);
  const ua = String(req.headers['user-agent'] ?? '');
  const at = (p: string) => `${basePath}${p}`;

  if (path === '/login' && method === 'GET' && url.searchParams.has('token')) {
    const next = safeNext(url.searchParams.get('next'));
    const attempt = access.limiter.begin([address]);
    if (!attempt.allowed) {
      redirect(res, at(`/login?error=slow&wait=${attempt.retryAfterSeconds}&next=${encodeURIComponent(next)}`));
      return true;
    }
    const session = await settled(attempt, async () => access.loginWithToken(url.searchParams.get('token') ?? '', ua));
    if (!session) {
      redirect(res, at(`/login?error=invalid&next=${encodeURIComponent(next)}`));
      return true;
    }
    redirect(res, at(next), { 'set-cookie': Access.cookieHeader(session, cookieOpts) });
    return true;
  }

  if (path === '/api/login' && method === 'POST') {
    const wantsJson = (req.headers.accept ?? '').includes('application/json');
    let fields: Record<string, string> = {};
    try {
      const body = await readBody(req);
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        fields = Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      } else {
        fields = Object.fromEntries(new URLSearchParams(body));
      }
    } catch {
      sendError(res, new BerthError('BAD_REQUEST', 'The sign-in request could not be read.'));
      return true;
    }
    const next = safeNext(fields.next);
    // Both the address and the user name back off: guesses spread over many addresses still meet the name's limit.
    const attempt = access.limiter.begin(fields.username ? [address, userKey(fields.username)] : [address]);
    if (!attempt.allowed) {
      const wait = attempt.retryAfterSeconds;
      if (wantsJson) sendError(res, new BerthError('TOO_MANY_REQUESTS', tooManyFailures(wait)), { 'retry-after': String(wait) });
      else redirect(res, at(`/login?error=slow&wait=${wait}&next=${encodeURIComponent(next)}`), {}, 303);
      return true;
    }
    const session = await settled(attempt, () =>
      fields.username ? access.loginWithPassword(fields.username, fields.password ?? '', ua) : Promise.resolve(access.loginWithToken(fields.token ?? '', ua)),
    );
    if (!session) {
      const message = fields.username ? 'That user name and password do not match.' : 'That token is not valid.';
      if (wantsJson) sendError(res, new BerthError('UNAUTHORIZED', message));
      else redirect(res, at(`/login?error=${fields.username ? 'password' : 'invalid'}&next=${encodeURIComponent(next)}`), {}, 303);
      return true;
    }
    const cookie = Access.cookieHeader(session, cookieOpts);
    if (wantsJson) send(res, 200, JSON.stringify({ ok: true, next: at(next) }), 'application/json', { 'set-cookie': cookie });
    else redirect(res, at(next), { 'set-cookie': cookie }, 303);
    return true;
  }

  if (path === '/api/logout' && method === 'POST') {
    const user = access.userFor(req);
    if (url.searchParams.get('everywhere') === '1' && user?.id !== undefined) access.sessions.revokeUser(user.id);
    else access.logout(req);
    redirect(res, at('/login'), { 'set-cookie': Access.clearCookie(cookieOpts) }, 303);
    return true;
  }

  const share = /^\/s\/([A-Za-z0-9_-]{10,100})$/.exec(path);
  if (share && method === 'GET') {
    const opened = access.openShare(share[1]!, ua);
    if (!opened) {
      send(res, 404, 'This share link has expired or was revoked. Ask whoever shared it for a new one.\n');
      return true;
    }
    redirect(res, at(scopePage(opened.share)), { 'set-cookie': Access.cookieHeader(opened.session, cookieOpts) });
    return true;
  }
  return false;
}
