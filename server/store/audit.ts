// The audit log: one append-only row per mutation (who, when, engine, action, target, result).
import { type Db, prepared } from './db';

export interface AuditEntry {
  id: number;
  at: number;
  user: string;
  role: string;
  engine: string | null;
  action: string;
  target: string | null;
  result: 'ok' | 'error';
  detail: string | null;
  address: string | null;
}

export interface AuditFilter {
  user?: string;
  engine?: string;
  action?: string;
  result?: 'ok' | 'error';
  q?: string;
  before?: number;
  limit?: number;
}

export class Audit {
  constructor(private readonly db: Db) {}

  record(e: Omit<AuditEntry, 'id' | 'at'> & { at?: number }): void {
    prepared(this.db, 'INSERT INTO audit (at, user, role, engine, action, target, result, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.at ?? Date.now(), e.user, e.role, e.engine, e.action, e.target, e.result, e.detail, e.address);
  }

  list(f: AuditFilter = {}): AuditEntry[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.user) (where.push('user = ?'), args.push(f.user));
    if (f.engine) (where.push('engine = ?'), args.push(f.engine));
    if (f.action) (where.push('action = ?'), args.push(f.action));
    if (f.result) (where.push('result = ?'), args.push(f.result));
    if (f.before) (where.push('id < ?'), args.push(f.before));
    if (f.q) {
      where.push("(target LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\')");
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like, like);
    }
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return prepared(this.db, sql).all(...args, Math.min(f.limit ?? 200, 1000)) as AuditEntry[];
  }
}
