import type { Metadata } from 'next';
import { Boxes } from 'lucide-react';
import { withBase } from '@/lib/base-path';

export const metadata: Metadata = { title: 'Sign in' };

function problem(error: string | undefined, wait: string | undefined): string | null {
  switch (error) {
    case 'invalid':
      return 'That token is not valid. Check you copied all of it.';
    case 'password':
      return 'That user name and password do not match.';
    case 'slow':
      return `Too many failed sign-ins: try again in ${Number(wait) || 'a few'} seconds.`;
    default:
      return null;
  }
}

const field = 'h-9 rounded-md border border-line bg-bg px-2 focus:border-accent focus:outline-none';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string; wait?: string }> }) {
  const { error, next, wait } = await searchParams;
  const message = problem(error, wait);
  return (
    <main id="main" tabIndex={-1} className="flex min-h-dvh items-center justify-center bg-panel p-4">
      <div className="flex w-full max-w-sm flex-col gap-4 rounded-lg border border-line bg-raised p-6 shadow-sm">
        <div className="flex items-center gap-2">
          <Boxes className="size-6 text-accent" aria-hidden />
          <h1 className="text-[17px] font-semibold">Sign in to Berth</h1>
        </div>
        {message ? (
          <p role="alert" className="rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-fg">
            {message}
          </p>
        ) : null}
        <form action={withBase('/api/login')} method="post" className="flex flex-col gap-3">
          <p className="text-muted">
            Open the link Berth printed when it started, or paste its token. Run <code className="font-mono text-fg">berth token</code> on the server
            for a new one.
          </p>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Token</span>
            <input name="token" type="password" autoComplete="off" required className={`${field} font-mono`} />
          </label>
          <input type="hidden" name="next" value={next ?? '/'} />
          <button type="submit" className="h-9 rounded-md bg-accent font-medium text-accent-fg hover:opacity-90">
            Sign in
          </button>
        </form>
        <div className="flex items-center gap-2 text-[11px] text-muted uppercase">
          <span className="h-px flex-1 bg-line" />
          or with a user account
          <span className="h-px flex-1 bg-line" />
        </div>
        <form action={withBase('/api/login')} method="post" className="flex flex-col gap-3">
          <label className="flex flex-col gap-1">
            <span className="font-medium">User name</span>
            <input name="username" autoComplete="username" required className={field} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Password</span>
            <input name="password" type="password" autoComplete="current-password" required className={field} />
          </label>
          <input type="hidden" name="next" value={next ?? '/'} />
          <button type="submit" className="h-9 rounded-md border border-line bg-raised font-medium hover:bg-panel">
            Sign in with password
          </button>
        </form>
      </div>
    </main>
  );
}
