// Browser sessions: a random cookie whose hash is a row with idle and absolute expiry; revocable one by one or all at once.
import { hashSecret, newSecret } from './secrets';
import { type Db, prepared } from './db';

export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_MAX_MS = 30 * 86_400_000;

export interface SessionRecord {
  id: string;
  userId: number | null;
  shareId: number | null;
  /** The hash of the API token this session was signed in with, if it was. */
  tokenHash: string | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly idleMs = SESSION_IDLE_MS,
    private readonly maxMs = SESSION_MAX_MS,
  ) {}

  create(owner: { userId?: number; shareId?: number; tokenHash?: string; expiresAt?: number }, userAgent = '', now = Date.now()): { cookie: string; maxAgeSeconds: number } {
    const cookie = newSecret('s');
    const expiresAt = Math.min(now + this.maxMs, owner.expiresAt ?? Infinity);
    prepared(this.db, 'INSERT INTO sessions (id, user_id, share_id, token_hash, created_at, last_seen_at, expires_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(hashSecret(cookie), owner.userId ?? null, owner.shareId ?? null, owner.tokenHash ?? null, now, now, expiresAt, userAgent.slice(0, 200));
    return { cookie, maxAgeSeconds: Math.max(1, Math.floor((expiresAt - now) / 1000)) };
  }

  /**
   * The live session for a cookie. Each use touches it, which keeps it from going idle (written at most once a
   * minute): a request, and the re-checks of an open stream, since a live dashboard is not idle.
   */
  check(cookie: string, now = Date.now()): SessionRecord | undefined {
    const id = hashSecret(cookie);
    const row = prepared(this.db, 'SELECT id, user_id AS userId, share_id AS shareId, token_hash AS tokenHash, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt, revoked_at AS revokedAt FROM sessions WHERE id = ?')
      .get(id) as (SessionRecord & { revokedAt: number | null }) | undefined;
    if (!row || row.revokedAt !== null || row.expiresAt <= now || now - row.lastSeenAt > this.idleMs) return undefined;
    if (now - row.lastSeenAt > 60_000) prepared(this.db, 'UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now, id);
    return row;
  }

  revoke(cookie: string): void {
    prepared(this.db, 'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(Date.now(), hashSecret(cookie));
  }

  /** "Sign out everywhere". */
  revokeUser(userId: number): number {
    return prepared(this.db, 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(Date.now(), userId).changes;
  }

  revokeShare(shareId: number): void {
    prepared(this.db, 'UPDATE sessions SET revoked_at = ? WHERE share_id = ? AND revoked_at IS NULL').run(Date.now(), shareId);
  }

  activeForUser(userId: number, now = Date.now()): number {
    return (
      prepared(this.db, 'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?')
        .get(userId, now, now - this.idleMs) as { n: number }
    ).n;
  }
}
