'use client';
// Building blocks of the image, volume and network pages: a definition list, a key/value table and raw JSON.
import { ArrowLeft, Copy } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useToast } from '@/components/ui/toast';

export function DetailFrame({ back, backLabel, title, badges, error, children }: { back: string; backLabel: string; title: string; badges?: ReactNode; error: unknown; children: ReactNode }) {
  return (
    <div className="flex h-full flex-col">
      <header className="flex min-h-12 flex-wrap items-center gap-3 border-b border-line px-4 py-2">
        <Link href={back} aria-label={backLabel} className="text-muted hover:text-fg">
          <ArrowLeft className="size-4" />
        </Link>
        <h1 className="truncate text-[15px] font-semibold">{title}</h1>
        {badges}
      </header>
      {error ? <ErrorBanner className="m-4" error={error} /> : null}
      <div className="min-h-0 flex-1 overflow-auto p-4">{children}</div>
    </div>
  );
}

export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[10rem_minmax(0,1fr)] gap-x-4 text-[13px]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="py-1 text-muted">{k}</dt>
          <dd className="min-w-0 py-1 break-words">{v === '' || v === undefined || v === null ? <span className="text-muted">—</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-6">
      <h2 className="mb-2 text-[13px] font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function KeyValues({ rows, empty }: { rows: { key: string; value: string }[]; empty: string }) {
  if (!rows.length) return <p className="text-muted">{empty}</p>;
  return (
    <Table className="rounded-md border border-line">
      <thead>
        <tr>
          <Th className="w-80">Key</Th>
          <Th>Value</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.key}>
            <Td className="font-mono text-[12px] break-all">{r.key}</Td>
            <Td className="font-mono text-[12px] break-all">{r.value}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

export function RawJson({ text }: { text: string }) {
  const toast = useToast();
  return (
    <Section title="Raw JSON">
      <div className="relative">
        <Button className="absolute top-2 right-2" onClick={() => navigator.clipboard.writeText(text).then(() => toast('ok', 'Copied.'), () => toast('bad', 'The browser did not allow copying.'))}>
          <Copy /> Copy
        </Button>
        <pre className="max-h-[60vh] overflow-auto rounded-md border border-line bg-panel p-3 font-mono text-[12px] leading-5">{text}</pre>
      </div>
    </Section>
  );
}
