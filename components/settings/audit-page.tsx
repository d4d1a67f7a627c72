'use client';
// The audit log: every change made through Berth, newest first, filtered in the URL, older pages on demand; read-only.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Td, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useTRPCClient } from '@/lib/trpc';
import { errorView } from '@/lib/errors';
import { AuditFilterBar, FILTER_KEYS, useAuditFilters } from './audit-filters';
import { When } from './format';
import { SettingsTable } from './section';

const PAGE = 100;

export function AuditPage() {
  const client = useTRPCClient();
  const filters = useAuditFilters();
  // Pages are fetched by `before` (the last id seen); a refetch walks the same chain, so no entry falls between pages.
  const log = useInfiniteQuery({
    queryKey: ['settings', 'audit', filters],
    queryFn: ({ pageParam, signal }) => client.access.audit.query({ ...filters, before: pageParam, limit: PAGE }, { signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]?.id),
    refetchInterval: 10_000,
  });
  const rows = log.data?.pages.flat() ?? [];
  const actions = [...new Set(rows.map((r) => r.action))].sort();
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="audit-heading" className="text-[14px] font-semibold">
          Audit log
        </h2>
        <p className="text-[12px] text-muted">Every change made through Berth: who, when, on which engine, and whether it worked. Nothing here can be edited or deleted.</p>
      </div>
      {/* A viewer is refused the log; filters would only suggest there is something to filter. */}
      {errorView(log.error).status === 403 ? null : <AuditFilterBar actions={actions} />}
      {log.error ? <ErrorBanner error={log.error} /> : null}
      {log.isPending ? <p className="py-6 text-muted">Loading…</p> : null}
      {log.isSuccess && rows.length === 0 ? (
        <EmptyState title={filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}>
          {filtered ? 'Clear a filter to see more.' : 'Every change made through Berth appears here.'}
        </EmptyState>
      ) : null}
      {rows.length ? (
        <SettingsTable label="Audit entries" columns={['Time', 'User', 'Role', 'Engine', 'Action', 'Target', 'Result', 'Detail']}>
          {rows.map((e) => (
            <Tr key={e.id} data-audit-id={e.id}>
              <Td className="whitespace-nowrap text-muted">
                <When ms={e.at} exact />
              </Td>
              <Td className="font-medium">{e.user}</Td>
              <Td className="text-muted">{e.role}</Td>
              <Td>{e.engine ?? <span className="text-muted">—</span>}</Td>
              <Td className="font-mono text-[12px] whitespace-nowrap">{e.action}</Td>
              <Td className="py-1">
                <div className="max-w-60 min-w-28 wrap-anywhere">{e.target ?? <span className="text-muted">—</span>}</div>
              </Td>
              <Td>
                <Badge tone={e.result === 'ok' ? 'ok' : 'bad'}>{e.result}</Badge>
              </Td>
              <Td className="w-full py-1 text-muted" title={e.address ? `from ${e.address}` : undefined}>
                <div className="min-w-56 wrap-anywhere">{e.detail ?? ''}</div>
              </Td>
            </Tr>
          ))}
        </SettingsTable>
      ) : null}
      {rows.length ? (
        <div className="flex items-center gap-3">
          <span className="text-[12px] text-muted tabular">
            {rows.length} {rows.length === 1 ? 'entry' : 'entries'} shown{log.hasNextPage ? '' : ', the oldest included'}
          </span>
          {log.hasNextPage ? (
            <Button onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? 'Loading…' : 'Load older'}
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
