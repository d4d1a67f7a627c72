// Share links: read-only, expiring, revocable access to one scope (a compose project or a container) for teammates.
import { BerthError } from '../errors';
import { hashSecret, newSecret } from './secrets';
import type { Scope } from './principal';
import { type Db, prepared } from './db';

export interface ShareRow extends Scope {
  id: number;
  name: string;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const SELECT = `SELECT s.id, s.name, u.name AS createdBy, s.engine, s.kind, s.target, s.created_at AS createdAt, s.expires_at AS expiresAt,
                       s.last_used_at AS lastUsedAt, s.revoked_at AS revokedAt
                FROM share_links s LEFT JOIN users u ON u.id = s.created_by`;

export class Shares {
  constructor(private readonly db: Db) {}

  create(args: Scope & { name: string; createdBy?: number; expiresAt: number }): { secret: string; row: ShareRow } {
    const secret = newSecret('share');
    const info = prepared(this.db, 'INSERT INTO share_links (hash, name, created_by, engine, kind, target, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(hashSecret(secret), args.name, args.createdBy ?? null, args.engine, args.kind, args.target, Date.now(), args.expiresAt);
    return { secret, row: this.get(Number(info.lastInsertRowid))! };
  }

  get(id: number): ShareRow | undefined {
    return prepared(this.db, `${SELECT} WHERE s.id = ?`).get(id) as ShareRow | undefined;
  }

  list(): ShareRow[] {
    return prepared(this.db, `${SELECT} ORDER BY s.created_at DESC`).all() as ShareRow[];
  }

  /** The link for a secret when it may be used now. */
  open(secret: string, now = Date.now()): ShareRow | undefined {
    const row = prepared(this.db, `${SELECT} WHERE s.hash = ?`).get(hashSecret(secret)) as ShareRow | undefined;
    if (!row || row.revokedAt !== null || row.expiresAt <= now) return undefined;
    prepared(this.db, 'UPDATE share_links SET last_used_at = ? WHERE id = ?').run(now, row.id);
    return row;
  }

  /** A share session stays valid only while its link does. */
  active(id: number, now = Date.now()): ShareRow | undefined {
    const row = this.get(id);
    return row && row.revokedAt === null && row.expiresAt > now ? row : undefined;
  }

  revoke(id: number): void {
    const info = prepared(this.db, 'UPDATE share_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(Date.now(), id);
    if (info.changes === 0) throw new BerthError('NOT_FOUND', `There is no active share link with id ${id}.`);
  }
}
