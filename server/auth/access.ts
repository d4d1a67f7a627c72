// Access: who a request is (API token, session cookie or share link), sign-in, and the first admin token.
import type { IncomingMessage } from 'node:http';
import { Accounts } from '../store/accounts';
import { Audit } from '../store/audit';
import { type Db, openDb } from '../store/db';
import { Sessions } from '../store/sessions';
import { Shares } from '../store/shares';
import { LoginLimiter } from './limiter';
import type { User } from './principal';
import { sameText, verifyPassword } from './secrets';

export type { Role, Scope, User } from './principal';

export const SESSION_COOKIE = 'berth_session';
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
  readonly audit: Audit;
  readonly limiter = new LoginLimiter();
  /** The token made on this start, to print once; undefined when it was given or made earlier. */
  readonly newToken?: string;
  private readonly envToken?: string;
  private readonly adminId: number;

  constructor(opts: AccessOptions) {
    this.db = opts.db ?? openDb(opts.home);
    this.accounts = new Accounts(this.db);
    this.sessions = new Sessions(this.db);
    this.shares = new Shares(this.db);
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

  /** Who the request is: bearer token first, then the session cookie; null for nobody. */
  userFor(req: IncomingMessage): User | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return this.userForToken(auth.slice(7).trim());
    return this.userForSession(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
  }

  loginWithToken(token: string, userAgent = ''): IssuedSession | null {
    const user = this.userForToken(token.trim());
    if (!user?.id) return null;
    return this.sessions.create({ userId: user.id }, userAgent);
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
    this.db.close();
  }
}
