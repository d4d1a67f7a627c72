// Users and API tokens: rows in SQLite, secrets stored only as hashes.
import { BerthError } from '../errors';
import { hashPassword, hashSecret, newSecret } from './secrets';
import type { Role } from './principal';
import { type Db, prepared } from './db';

export interface UserRow {
  id: number;
  name: string;
  role: Role;
  hasPassword: boolean;
  createdAt: number;
  disabledAt: number | null;
}

export interface TokenRow {
  id: number;
  userId: number;
  userName: string;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface RawUser {
  id: number;
  name: string;
  role: Role;
  password_hash: string | null;
  created_at: number;
  disabled_at: number | null;
}

function toUser(r: RawUser): UserRow {
  return { id: r.id, name: r.name, role: r.role, hasPassword: Boolean(r.password_hash), createdAt: r.created_at, disabledAt: r.disabled_at };
}

export class Accounts {
  constructor(private readonly db: Db) {}

  ensureAdmin(): UserRow {
    const existing = prepared(this.db, "SELECT * FROM users WHERE name = 'admin'").get() as RawUser | undefined;
    if (existing) return toUser(existing);
    const info = prepared(this.db, "INSERT INTO users (name, role, created_at) VALUES ('admin', 'admin', ?)").run(Date.now());
    return this.user(Number(info.lastInsertRowid))!;
  }

  user(id: number): UserRow | undefined {
    const r = prepared(this.db, 'SELECT * FROM users WHERE id = ?').get(id) as RawUser | undefined;
    return r && toUser(r);
  }

  userWithPassword(name: string): (UserRow & { passwordHash: string | null }) | undefined {
    const r = prepared(this.db, 'SELECT * FROM users WHERE name = ?').get(name) as RawUser | undefined;
    return r && { ...toUser(r), passwordHash: r.password_hash };
  }

  users(): UserRow[] {
    return (prepared(this.db, 'SELECT * FROM users ORDER BY name').all() as RawUser[]).map(toUser);
  }

  async createUser(name: string, role: Role, password: string | undefined): Promise<UserRow> {
    if (prepared(this.db, 'SELECT 1 FROM users WHERE name = ?').get(name)) throw new BerthError('CONFLICT', `A user called ${name} already exists.`);
    const hash = password ? await hashPassword(password) : null;
    const info = prepared(this.db, 'INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, hash, Date.now());
    return this.user(Number(info.lastInsertRowid))!;
  }

  async setPassword(id: number, password: string): Promise<void> {
    this.requireUser(id);
    prepared(this.db, 'UPDATE users SET password_hash = ? WHERE id = ?').run(await hashPassword(password), id);
  }

  setRole(id: number, role: Role): void {
    const user = this.requireUser(id);
    if (user.role === 'admin' && role !== 'admin' && this.activeAdmins() <= 1) {
      throw new BerthError('CONFLICT', `${user.name} is the last admin: make another admin first.`);
    }
    prepared(this.db, 'UPDATE users SET role = ? WHERE id = ?').run(role, id);
  }

  removeUser(id: number): void {
    const user = this.requireUser(id);
    if (user.role === 'admin' && this.activeAdmins() <= 1) throw new BerthError('CONFLICT', `${user.name} is the last admin and cannot be removed.`);
    prepared(this.db, 'DELETE FROM users WHERE id = ?').run(id);
  }

  private activeAdmins(): number {
    return (prepared(this.db, "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").get() as { n: number }).n;
  }

  private requireUser(id: number): UserRow {
    const user = this.user(id);
    if (!user) throw new BerthError('NOT_FOUND', `There is no user with id ${id}.`);
    return user;
  }

  /** Makes an API token; the secret is returned once and only its hash is kept. */
  createToken(userId: number, name: string, expiresAt: number | null): { token: string; row: TokenRow } {
    this.requireUser(userId);
    const token = newSecret('berth');
    const info = prepared(this.db, 'INSERT INTO tokens (user_id, name, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(userId, name, hashSecret(token), Date.now(), expiresAt);
    return { token, row: this.tokens().find((t) => t.id === Number(info.lastInsertRowid))! };
  }

  tokens(): TokenRow[] {
    return prepared(this.db, 
        `SELECT t.id, t.user_id AS userId, u.name AS userName, t.name, t.created_at AS createdAt, t.expires_at AS expiresAt,
                t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt
         FROM tokens t JOIN users u ON u.id = t.user_id ORDER BY t.created_at DESC`,
      )
      .all() as TokenRow[];
  }

  revokeToken(id: number): void {
    const info = prepared(this.db, 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(Date.now(), id);
    if (info.changes === 0) throw new BerthError('NOT_FOUND', `There is no active token with id ${id}.`);
  }

  /** The user a token belongs to when it is valid now; records its use at most once a minute. */
  userForToken(token: string, opts: { now?: number; touch?: boolean } = {}): UserRow | undefined {
    return this.userForTokenHash(hashSecret(token), opts)?.user;
  }

  /** The same by the token's hash (what a session signed in with a token remembers), with the token's expiry. */
  userForTokenHash(hash: string, opts: { now?: number; touch?: boolean } = {}): { user: UserRow; expiresAt: number | null } | undefined {
    const now = opts.now ?? Date.now();
    const row = prepared(this.db, 'SELECT id, user_id, expires_at, revoked_at, last_used_at FROM tokens WHERE hash = ?')
      .get(hash) as { id: number; user_id: number; expires_at: number | null; revoked_at: number | null; last_used_at: number | null } | undefined;
    if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return undefined;
    if (opts.touch !== false && (!row.last_used_at || now - row.last_used_at > 60_000)) prepared(this.db, 'UPDATE tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    const user = this.user(row.user_id);
    return user && user.disabledAt === null ? { user, expiresAt: row.expires_at } : undefined;
  }

  /** Revokes every token of a user with this name (the first-start admin token when a new one is made). */
  revokeTokensNamed(userId: number, name: string): void {
    prepared(this.db, 'UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND name = ? AND revoked_at IS NULL').run(Date.now(), userId, name);
  }
}
