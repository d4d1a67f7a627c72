'use client';
// The audit log: every change, newest first, filterable in the URL; read-only.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useQueryParam } from '@/components/resources/list-page';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Input } from '@/components/ui/input';
import { useTRPC } from '@/lib/trpc';

const PAGE = 200;

export function AuditPage() {
  const trpc = useTRPC();
  const [user, setUser] = useQueryParam('user');
  const [engine, setEngine] = useQueryParam('engine');
  const [result, setResult] = useQueryParam('result');
  const [q, setQ] = useQueryParam('q');
  const [limit, setLimit] = useState(PAGE);
  const filters = { user: user || undefined, engine: engine || undefined, result: result === 'ok' || result === 'error' ? (result as 'ok' | 'error') : undefined, q: q || undefined, limit };
  const log = useQuery({ ...trpc.access.audit.queryOptions(filters), refetchInterval: 5000 });
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Input aria-label="Search the audit log" placeholder="Target, action or detail" defaultValue={q} onChange={(e) => setQ(e.target.value)} className="w-64" />
        <Input aria-label="User" placeholder="User" defaultValue={user} onChange={(e) => setUser(e.target.value)} className="w-32" />
        <Input aria-label="Engine" placeholder="Engine" defaultValue={engine} onChange={(e) => setEngine(e.target.value)} className="w-32" />
        <select aria-label="Result" value={result} onChange={(e) => setResult(e.target.value)} className="h-7 rounded-md border border-line bg-raised px-1 text-[12px]">
          <option value="">Any result</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
        </select>
      </div>
      {log.error ? <ErrorBanner error={log.error} /> : null}
      {log.data && log.data.length === 0 ? <EmptyState title="Nothing recorded yet">Every change made through Berth appears here.</EmptyState> : null}
      {log.data?.length ? (
        <Table className="rounded-md border border-line">
          <thead>
            <tr>
              <Th>Time</Th>
              <Th>User</Th>
              <Th>Engine</Th>
              <Th>Action</Th>
              <Th>Target</Th>
              <Th>Result</Th>
              <Th>Detail</Th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap text-muted tabular">{new Date(e.at).toLocaleString()}</Td>
                <Td>
                  {e.user} <span className="text-muted">({e.role})</span>
                </Td>
                <Td>{e.engine ?? '—'}</Td>
                <Td className="font-mono text-[12px]">{e.action}</Td>
                <Td className="max-w-64 truncate" title={e.target ?? ''}>
                  {e.target ?? '—'}
                </Td>
                <Td>
                  <Badge tone={e.result === 'ok' ? 'ok' : 'bad'}>{e.result}</Badge>
                </Td>
                <Td className="max-w-md truncate text-muted" title={e.detail ?? ''}>
                  {e.detail ?? ''}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {log.data && log.data.length >= limit ? (
        <Button className="self-start" onClick={() => setLimit((l) => Math.min(1000, l + PAGE))}>
          Show more
        </Button>
      ) : null}
    </div>
  );
}
