'use client';
// The frame every resource list shares: header with count and filter ("/" focuses it), error, loading, empty states.
import { Search } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type ReactNode, useCallback, useEffect, useRef } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';

export function useQueryParam(key: string): [string, (v: string) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (value: string) => {
      const next = new URLSearchParams(params.toString());
      if (value) next.set(key, value);
      else next.delete(key);
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [key, params, pathname, router],
  );
  return [params.get(key) ?? '', set];
}

export function ListPage(props: {
  title: string;
  noun: string;
  total?: number;
  shown: number;
  filter: string;
  onFilter: (v: string) => void;
  error: unknown;
  pending: boolean;
  actions?: ReactNode;
  emptyHint: ReactNode;
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const { total, shown } = props;
  return (
    <div className="flex h-full flex-col">
      <PageHeader
        title={props.title}
        subtitle={total !== undefined ? <span className="tabular">{shown === total ? `${total} ${props.noun}` : `${shown} of ${total} ${props.noun}`}</span> : null}
        actions={
          <>
            {props.actions}
            <label className="relative">
              <Search className="pointer-events-none absolute top-1.5 left-2 size-3.5 text-muted" aria-hidden />
              <Input ref={input} aria-label={`Filter ${props.noun}`} placeholder="Filter  /" defaultValue={props.filter} onChange={(e) => props.onFilter(e.target.value)} className="w-56 pl-7" />
            </label>
          </>
        }
      />
      {props.error ? <ErrorBanner className="m-4" error={props.error} /> : null}
      <div className="min-h-0 flex-1 overflow-auto">
        {props.pending ? (
          <div aria-busy="true" className="p-4 text-muted">
            Loading {props.noun}…
          </div>
        ) : total === 0 ? (
          <EmptyState title={`No ${props.noun} on this engine`}>{props.emptyHint}</EmptyState>
        ) : total !== undefined && shown === 0 ? (
          <EmptyState title={`No ${props.noun} match “${props.filter}”`}>Clear the filter to see all {total}.</EmptyState>
        ) : (
          props.children
        )}
      </div>
    </div>
  );
}
