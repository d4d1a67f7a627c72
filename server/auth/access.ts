// Access: the admin token (only its hash is stored), signed session cookies, and who a request belongs to.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';

export type Role = 'admin' | 'viewer';
export interface User {
  name: string;
  role: Role;
}

export const SESSION_COOKIE = 'berth_session';
const SESSION_DAYS = 30;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readOrCreateSecret(path: string): Buffer {
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  const secret = randomBytes(32);
  writeFileSync(path, secret.toString('hex') + '\n', { mode: 0o600 });
  return secret;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (k) out[k] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export interface AccessOptions {
  home: string;
  /** BERTH_TOKEN: when set, this token is the admin token and nothing is generated. */
  token?: string;
}

export class Access {
  private readonly tokenHash: string;
  private readonly secret: Buffer;
  /** The token made on this start, to print once; undefined when it was given or made earlier. */
  readonly newToken?: string;

  constructor(opts: AccessOptions) {
    mkdirSync(opts.home, { recursive: true, mode: 0o700 });
    this.secret = readOrCreateSecret(join(opts.home, 'session.key'));
    const hashFile = join(opts.home, 'admin-token.sha256');
    if (opts.token) {
      this.tokenHash = sha256(opts.token);
    } else if (existsSync(hashFile)) {
      this.tokenHash = readFileSync(hashFile, 'utf8').trim();
    } else {
      const token = randomBytes(24).toString('base64url');
      writeFileSync(hashFile, sha256(token) + '\n', { mode: 0o600 });
      chmodSync(hashFile, 0o600);
      this.tokenHash = sha256(token);
      this.newToken = token;
    }
  }

  /** Makes a new admin token, replacing the stored hash; returns it to print once. */
  static resetToken(home: string): string {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const token = randomBytes(24).toString('base64url');
    writeFileSync(join(home, 'admin-token.sha256'), sha256(token) + '\n', { mode: 0o600 });
    return token;
  }

  checkToken(token: string | undefined | null): boolean {
    if (!token) return false;
    return sameText(sha256(token), this.tokenHash);
  }

  /** A cookie value "expiry.signature"; the signature covers the expiry and the token hash, so a new token ends old sessions. */
  issueSession(now = Date.now()): { value: string; maxAge: number } {
    const expires = now + SESSION_DAYS * 86_400_000;
    const sig = createHmac('sha256', this.secret).update(`${expires}.${this.tokenHash}`).digest('base64url');
    return { value: `${expires}.${sig}`, maxAge: SESSION_DAYS * 86_400 };
  }

  checkSession(value: string | undefined, now = Date.now()): boolean {
    if (!value) return false;
    const [exp, sig] = value.split('.');
    if (!exp || !sig || !/^\d+$/.test(exp) || Number(exp) < now) return false;
    const want = createHmac('sha256', this.secret).update(`${exp}.${this.tokenHash}`).digest('base64url');
    return sameText(sig, want);
  }

  /** The user a request is authenticated as: by bearer token or session cookie; null when neither is valid. */
  userFor(req: IncomingMessage): User | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.checkToken(auth.slice(7).trim())) return { name: 'admin', role: 'admin' };
    const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (this.checkSession(cookie)) return { name: 'admin', role: 'admin' };
    return null;
  }

  sessionCookie(secure: boolean): string {
    const s = this.issueSession();
    return `${SESSION_COOKIE}=${s.value}; Path=/; Max-Age=${s.maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  static clearCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;
  }
}
