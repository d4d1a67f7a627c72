'use client';
// The container page's Processes tab: the engine's `top` (ps -ef columns), refreshed every few seconds, with the
// processes Berth's terminals started marked.
import { useQuery } from '@tanstack/react-query';
import { useCanChangeHydrated, useMe } from '@/components/shell/use-role';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useTRPC } from '@/lib/trpc';

const REFRESH_MS = 3000;

export function ProcessesTab({ engine, id }: { engine: string; id: string }) {
  const canChange = useCanChangeHydrated();
  const me = useMe();
  if (!canChange) {
    return me.isPending ? <p className="p-4 text-muted">Loading…</p> : <EmptyState title="Only an admin can see processes">Command lines often carry passwords and tokens.</EmptyState>;
  }
  return <ProcessTable engine={engine} id={id} />;
}

function ProcessTable({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const top = useQuery({ ...trpc.containers.top.queryOptions({ engine, id }), refetchInterval: REFRESH_MS, retry: false });
  if (top.error) return <ErrorBanner className="m-4" error={top.error} />;
  if (!top.data) return <p className="p-4 text-muted">Loading…</p>;
  const { titles, rows } = top.data;
  if (!rows.length) return <EmptyState title="No processes" />;
  const wide = titles.length - 1;
  return (
    <div className="p-3">
      <Table aria-label="Processes">
        <thead>
          <tr>
            {titles.map((t, i) => (
              <Th key={`${t}-${i}`} className={i === wide ? undefined : 'w-0 whitespace-nowrap'}>
                {t}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Tr key={r.pid} data-terminal={r.terminal || undefined}>
              {r.cells.map((c, i) => (
                <Td key={i} className={`py-1 font-mono text-[12px] ${i === wide ? 'break-all whitespace-pre-wrap' : 'whitespace-nowrap'}`}>
                  {c}
                  {i === wide && r.terminal ? (
                    <Badge tone="info" className="ml-2">
                      Terminal
                    </Badge>
                  ) : null}
                </Td>
              ))}
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
