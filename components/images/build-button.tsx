'use client';
// The images page's way to the Build page; shown to admins only (the caller decides), as a link so it opens in a tab too.
import { Hammer } from 'lucide-react';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';

export function BuildImageLink({ engine }: { engine: string }) {
  return (
    <Link href={`/e/${encodeURIComponent(engine)}/images/build`} className={buttonVariants({ variant: 'default' })}>
      <Hammer aria-hidden /> Build
    </Link>
  );
}
