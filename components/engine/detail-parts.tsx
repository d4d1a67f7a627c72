'use client';
// Building blocks of the image, volume and network pages: a frame with a back link, facts, key/value tables, raw JSON.
import { ArrowLeft, Copy } from 'lucide-react';
import Link from 'next/link';
import { type ReactNode, useRef } from 'react';
import { useFallbackInterval } from '@/components/shell/engine-events';
import { Button } from '@/components/ui/button';
import { TableBox, Td, Th, Tr } from '@/components/ui/data-table';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useToast } from '@/components/ui/toast';
import { cn, formatAgo, formatDate } from '@/lib/utils';
import { useSettledError } from './use-settled-error';
import { copyText } from '@/lib/copy-text';

/** The polling an inspect query shares: no retries (a missing object is an answer), and a refetch while engine events are not live. */
export function useDetailPolling() {
  return { retry: false, refetchInterval: useFallbackInterval() } as const;
}

export interface DetailFrameProps<T> {
  back: string;
  backLabel: string;
  kind: string;
  title: string;
  query: { data: T | undefined; error: unknown; status: 'pending' | 'error' | 'success'; isPending: boolean };
  badges?: (d: T) => ReactNode;
  children: (d: T) => ReactNode;
}

export function DetailFrame<T>({ back, backLabel, kind, title, query, badges, children }: DetailFrameProps<T>) {
  const error = useSettledError(query);
  const d = query.data;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex min-h-12 flex-wrap items-center gap-x-3 gap-y-1 border-b border-line px-4 py-2">
        <Link href={back} aria-label={backLabel} title={backLabel} className="rounded p-1 text-muted hover:bg-panel hover:text-fg">
          <ArrowLeft className="size-4" />
        </Link>
        <span className="text-[12px] text-muted">{kind}</span>
        <h1 className="min-w-0 truncate text-[15px] font-semibold" title={title}>
          {title}
        </h1>
        {d && badges ? badges(d) : null}
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {error ? <ErrorBanner className="mb-4" error={error} /> : null}
        {query.isPending && !error ? <DetailSkeleton /> : d ? children(d) : null}
      </div>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading" className="grid max-w-3xl grid-cols-[10rem_1fr] gap-x-4 gap-y-3">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="contents">
          <div className="h-3 w-24 animate-pulse rounded bg-line" />
          <div className="h-3 animate-pulse rounded bg-line" style={{ width: `${[60, 35, 80, 45][i % 4]}%` }} />
        </div>
      ))}
    </div>
  );
}

/** A definition list; empty values show a muted dash. */
export function Facts({ rows, className }: { rows: [string, ReactNode][]; className?: string }) {
  return (
    <dl className={cn('grid grid-cols-[minmax(7rem,10rem)_minmax(0,1fr)] gap-x-4 text-[13px]', className)}>
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="py-1 text-muted">{k}</dt>
          <dd className="min-w-0 py-1 break-words">{v === '' || v === undefined || v === null ? <span className="text-muted">—</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Mono({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={cn('font-mono text-[12px] break-all', className)}>{children}</span>;
}

export function Section({ title, count, className, children }: { title: string; count?: number; className?: string; children: ReactNode }) {
  return (
    <section className={cn('mt-6', className)}>
      <h2 className="mb-2 flex items-baseline gap-2 text-[13px] font-semibold">
        {title}
        {count !== undefined ? <span className="font-normal text-muted tabular">{count}</span> : null}
      </h2>
      {children}
    </section>
  );
}

export function KeyValues({ rows, empty }: { rows: { key: string; value: string }[]; empty: string }) {
  return (
    <TableBox
      rows={rows.length}
      empty={empty}
      head={
        <>
          <Th className="w-[38%]">Key</Th>
          <Th>Value</Th>
        </>
      }
    >
      {rows.map((r) => (
        <Tr key={r.key}>
          <Td className="h-auto py-1.5 align-top font-mono text-[12px] break-all">{r.key}</Td>
          <Td className="h-auto py-1.5 align-top font-mono text-[12px] break-all">{r.value}</Td>
        </Tr>
      ))}
    </TableBox>
  );
}

export function Labels({ rows }: { rows: { key: string; value: string }[] }) {
  return (
    <Section title="Labels" count={rows.length}>
      <KeyValues rows={rows} empty="No labels." />
    </Section>
  );
}

/** A fact's date with how long ago it was, or nothing (a dash) when the engine gave none. */
export function dateFact(iso: string | undefined): ReactNode {
  return iso ? (
    <>
      {formatDate(iso)} <span className="text-muted">({formatAgo(iso)})</span>
    </>
  ) : (
    ''
  );
}

/** A fact made of several items, or nothing (a dash) when there are none; Facts dashes only an empty string. */
export function listFact<T>(items: T[], item: (x: T) => ReactNode, className = 'flex flex-col'): ReactNode {
  return items.length ? <span className={className}>{items.map(item)}</span> : '';
}

export function RawJson({ text }: { text: string }) {
  const toast = useToast();
  const pre = useRef<HTMLPreElement>(null);
  return (
    <Section title="Raw JSON">
      <div className="relative">
        <Button
          aria-label="Copy raw JSON"
          className="absolute top-2 right-4"
          onClick={() => copyText(text, pre.current).then(() => toast('ok', 'Copied the JSON.'), () => toast('bad', 'The browser did not allow copying; select the text instead.'))}
        >
          <Copy aria-hidden /> Copy
        </Button>
        <pre ref={pre} className="max-h-[60vh] overflow-auto rounded-md border border-line bg-panel p-3 font-mono text-[12px] leading-5 whitespace-pre">
          {text}
        </pre>
      </div>
    </Section>
  );
}

/** A linked list of container names (to their pages), or a sentence when there are none. */
export function ContainerLinks({ engine, names, none }: { engine: string; names: { id: string; name: string }[]; none: ReactNode }) {
  if (!names.length) return <>{none}</>;
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-0.5">
      {names.map((c) => (
        <Link key={c.id} href={`/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(c.name)}`} className="text-accent hover:underline">
          {c.name}
        </Link>
      ))}
    </span>
  );
}

export interface DetailTab {
  key: string;
  label: string;
  href: string;
  active: boolean;
}

/** The tabs under a container's or a service's header, the current one underlined. */
export function DetailTabs({ label, tabs }: { label: string; tabs: DetailTab[] }) {
  return (
    <nav aria-label={label} className="flex shrink-0 gap-1 overflow-x-auto border-b border-line px-3">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.active ? 'page' : undefined}
          className={cn('-mb-px border-b-2 border-transparent px-2.5 py-2 text-[13px] whitespace-nowrap text-muted hover:text-fg', t.active && 'border-accent font-medium text-fg')}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** A detail page's failure: "not found" with a link back to its list, or the engine's own sentence. */
export function DetailError({ error, missing, back }: { error: unknown; missing: string | null; back: { href: string; label: string } }) {
  return (
    <ErrorBanner
      className="mx-4 mt-3"
      error={missing ? new Error(missing) : error}
      action={
        missing ? (
          <Link href={back.href} className="whitespace-nowrap text-accent hover:underline">
            {back.label}
          </Link>
        ) : undefined
      }
    />
  );
}
