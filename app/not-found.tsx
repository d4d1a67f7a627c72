import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="flex min-h-dvh flex-col items-center justify-center gap-2 p-6 text-center">
      <h1 className="text-[17px] font-semibold">This page does not exist</h1>
      <p className="text-muted">The address may be mistyped, or the page moved.</p>
      <Link href="/" className="text-accent hover:underline">
        Go to the containers of the current engine
      </Link>
    </main>
  );
}
