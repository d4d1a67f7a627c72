// Access: who a request is (API token, session cookie or share link), sign-in, and the first admin token.
import type { IncomingMessage } from 'node:http';
import { Accounts } from '../store/accounts';
import { Audit } from '../store/audit';
import { type Db, openDb } from '../store/db';
import { Sessions } from '../store/sessions';
import { Preferences } from '../store/preferences';
import { Shares } from '../store/shares';
import { LoginLimiter } from './limiter';
import type { User } from '../store/principal';
import { hashSecret, sameText, verifyPassword } from '../store/secrets';
import { Watcher } from './watcher';

export type { Role, Scope, User } from '../store/principal';

export const SESSION_COOKIE = 'berth_session';
/** How often open streams re-check their credential: revocations end them within a second. */
const WATCH_INTERVAL_MS = 250;

/** What a request authenticates with; kept by long-lived connections so every later use is checked again. */
export type Credential = { kind: 'token' | 'session'; secret: string } | null;

/** The same user with the same rights: a change of role, scope or session ends what was granted before. */
export function samePrincipal(a: User | null, b: User | null): boolean {
  if (!a || !b) return a === b;
  return a.id === b.id && a.name === b.name && a.role === b.role && a.sessionId === b.sessionId && JSON.stringify(a.scope ?? null) === JSON.stringify(b.scope ?? null);
}
const FIRST_TOKEN_NAME = 'admin (made at first start)';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k) continue;
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie is ignored, as browsers do.
    }
  }
  return out;
}

export interface AccessOptions {
  home: string;
  /** BERTH_TOKEN: this token acts as the admin's, and nothing is generated. */
  token?: string;
  db?: Db;
}

export interface IssuedSession {
  cookie: string;
  maxAgeSeconds: number;
}

export class Access {
  readonly db: Db;
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly shares: Shares;
  readonly preferences: Preferences;
  readonly audit: Audit;
  readonly limiter = new LoginLimiter();
  private readonly watcher = new Watcher(WATCH_INTERVAL_MS);
  /** The token made on this start, to print once; undefined when it was given or made earlier. */
  readonly newToken?: string;
  private readonly envToken?: string;
  private readonly adminId: number;

  constructor(opts: AccessOptions) {
    this.db = opts.db ?? openDb(opts.home);
    this.accounts = new Accounts(this.db);
    this.sessions = new Sessions(this.db);
    this.shares = new Shares(this.db);
    this.preferences = new Preferences(this.db);
    this.audit = new Audit(this.db);
    this.adminId = this.accounts.ensureAdmin().id;
    this.envToken = opts.token || undefined;
    if (!this.envToken && this.accounts.tokens().length === 0) {
      this.newToken = this.accounts.createToken(this.adminId, FIRST_TOKEN_NAME, null).token;
    }
  }

  /** `berth token`: a new admin token; the previous first-start token and every admin session end. */
  resetAdminToken(): string {
    this.accounts.revokeTokensNamed(this.adminId, FIRST_TOKEN_NAME);
    this.sessions.revokeUser(this.adminId);
    return this.accounts.createToken(this.adminId, FIRST_TOKEN_NAME, null).token;
  }

  static resetToken(home: string): string {
    const access = new Access({ home });
    const token = access.newToken ?? access.resetAdminToken();
    access.db.close();
    return token;
  }

  /** The user an API token belongs to; the BERTH_TOKEN token is the admin's. */
  userForToken(token: string | null | undefined): User | null {
    if (!token) return null;
    if (this.envToken && sameText(token, this.envToken)) return { id: this.adminId, name: 'admin', role: 'admin' };
    const user = this.accounts.userForToken(token);
    return user ? { id: user.id, name: user.name, role: user.role } : null;
  }

  checkToken(token: string | null | undefined): boolean {
    return this.userForToken(token) !== null;
  }

  userForSession(cookie: string | undefined): User | null {
    if (!cookie) return null;
    const session = this.sessions.check(cookie);
    if (!session) return null;
    // A session signed in with a token ends with that token (revoked, expired, or BERTH_TOKEN changed).
    if (session.tokenHash !== null && !this.tokenHashValid(session.tokenHash)) return null;
    if (session.userId !== null) {
      const user = this.accounts.user(session.userId);
      return user && user.disabledAt === null ? { id: user.id, name: user.name, role: user.role, sessionId: session.id } : null;
    }
    if (session.shareId !== null) {
      const share = this.shares.active(session.shareId);
      if (!share) return null;
      return { name: `share link "${share.name}"`, role: 'viewer', scope: { engine: share.engine, kind: share.kind, target: share.target }, sessionId: session.id };
    }
    return null;
  }

  private tokenHashValid(hash: string): boolean {
    if (this.envToken && sameText(hash, hashSecret(this.envToken))) return true;
    return this.accounts.userForTokenHash(hash, { touch: false }) !== undefined;
  }

  /** The credential a request carries: a bearer token first, then the session cookie. */
  credentialOf(req: IncomingMessage): Credential {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return { kind: 'token', secret: auth.slice(7).trim() };
    const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    return cookie ? { kind: 'session', secret: cookie } : null;
  }

  /** Who a credential is now (it counts as a use: a token's last use, a session's idle timer). */
  resolve(credential: Credential): User | null {
    if (!credential) return null;
    return credential.kind === 'token' ? this.userForToken(credential.secret) : this.userForSession(credential.secret);
  }

  /** Who the request is: bearer token first, then the session cookie; null for nobody. */
  userFor(req: IncomingMessage): User | null {
    return this.resolve(this.credentialOf(req));
  }

  /**
   * Calls `onChange` (once) when the credential stops resolving to the same principal: revoked, expired, signed
   * out, demoted, disabled or removed. Open streams use it to end within a second of any of these.
   */
  watch(credential: Credential, user: User, onChange: (now: User | null) => void): () => void {
    return this.watcher.add(() => {
      let now: User | null;
      try {
        now = this.resolve(credential);
      } catch (err) {
        // A failing check must not keep a stream open on old rights.
        console.error('berth: a credential re-check failed:', err);
        now = null;
      }
      if (samePrincipal(user, now)) return false;
      onChange(now);
      return true;
    });
  }

  /** A session from a token remembers it: it ends when the token is revoked or expires, and never outlives it. */
  loginWithToken(token: string, userAgent = ''): IssuedSession | null {
    const secret = token.trim();
    const user = this.userForToken(secret);
    if (!user?.id) return null;
    const tokenHash = hashSecret(secret);
    const expiresAt = this.accounts.userForTokenHash(tokenHash, { touch: false })?.expiresAt ?? undefined;
    return this.sessions.create({ userId: user.id, tokenHash, expiresAt }, userAgent);
  }

  async loginWithPassword(name: string, password: string, userAgent = ''): Promise<IssuedSession | null> {
    const user = this.accounts.userWithPassword(name);
    const ok = await verifyPassword(password, user?.passwordHash);
    if (!ok || !user || user.disabledAt !== null) return null;
    return this.sessions.create({ userId: user.id }, userAgent);
  }

  openShare(secret: string, userAgent = ''): { session: IssuedSession; share: NonNullable<ReturnType<Shares['open']>> } | null {
    const share = this.shares.open(secret);
    if (!share) return null;
    return { share, session: this.sessions.create({ shareId: share.id, expiresAt: share.expiresAt }, userAgent) };
  }

  logout(req: IncomingMessage): void {
    const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (cookie) this.sessions.revoke(cookie);
  }

  static cookieHeader(session: IssuedSession, opts: { secure: boolean; path?: string }): string {
    return `${SESSION_COOKIE}=${session.cookie}; Path=${opts.path || '/'}; Max-Age=${session.maxAgeSeconds}; HttpOnly; SameSite=Strict${opts.secure ? '; Secure' : ''}`;
  }

  static clearCookie(opts: { secure: boolean; path?: string } = { secure: false }): string {
    return `${SESSION_COOKIE}=; Path=${opts.path || '/'}; Max-Age=0; HttpOnly; SameSite=Strict${opts.secure ? '; Secure' : ''}`;
  }

  close(): void {
    this.watcher.close();
    this.db.close();
  }
}
