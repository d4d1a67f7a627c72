import type { Metadata } from 'next';
import { Boxes } from 'lucide-react';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const { error, next } = await searchParams;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-panel p-4">
      <form action="/api/login" method="post" className="flex w-full max-w-sm flex-col gap-3 rounded-lg border border-line bg-raised p-6 shadow-sm">
        <div className="flex items-center gap-2">
          <Boxes className="size-6 text-accent" aria-hidden />
          <h1 className="text-[17px] font-semibold">Sign in to Berth</h1>
        </div>
        <p className="text-muted">
          Open the link Berth printed when it started, or paste its token here. Run <code className="font-mono text-fg">berth token</code> on the
          server to make a new one.
        </p>
        {error ? (
          <p role="alert" className="rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-fg">
            That token is not valid. Check you copied all of it.
          </p>
        ) : null}
        <label className="flex flex-col gap-1">
          <span className="font-medium">Token</span>
          <input
            name="token"
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            className="h-9 rounded-md border border-line bg-bg px-2 font-mono focus:border-accent focus:outline-none"
          />
        </label>
        <input type="hidden" name="next" value={next ?? '/'} />
        <button type="submit" className="h-9 rounded-md bg-accent font-medium text-accent-fg hover:opacity-90">
          Sign in
        </button>
      </form>
    </main>
  );
}
