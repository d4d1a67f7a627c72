'use client';
// A service's tasks, newest first: slot, node, desired and current state, error, exit code, age. One tab stop.
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useRowFocus } from '@/components/engine/use-row-focus';
import type { SwarmTask } from '@/lib/swarm';
import { cn, formatAgo, formatDate, shortId } from '@/lib/utils';
import { taskTone } from './format';
import { useService } from './use-service';

const NARROW_HIDE = 'hidden lg:table-cell';

function TaskRow({ t }: { t: SwarmTask }) {
  const current = t.desiredState === 'running' || t.state === 'running';
  return (
    <Tr data-task={t.id} className={cn(!current && 'text-muted')}>
      <Td className="tabular">{t.slot ?? <span className="text-muted">—</span>}</Td>
      <Td className="max-w-0">
        <span className="block truncate" title={t.nodeId ?? undefined}>
          {t.nodeHostname ?? (t.nodeId ? shortId(t.nodeId) : <span className="text-muted">unassigned</span>)}
        </span>
      </Td>
      <Td className="text-muted">{t.desiredState}</Td>
      <Td>
        <Badge tone={taskTone(t.state)} data-state={t.state} title={t.message ?? undefined}>
          <span aria-hidden className="size-1.5 rounded-full bg-current" />
          {t.state}
        </Badge>
      </Td>
      <Td className="max-w-0">
        {t.error ? (
          <span className="block truncate text-bad" title={t.error}>
            {t.error}
          </span>
        ) : t.message && t.state !== 'running' ? (
          <span className="block truncate text-muted" title={t.message}>
            {t.message}
          </span>
        ) : (
          <span className="text-muted">—</span>
        )}
      </Td>
      <Td className={cn('text-right tabular', t.exitCode ? 'text-bad' : 'text-muted')}>{t.exitCode ?? '—'}</Td>
      <Td className={`font-mono text-[12px] text-muted ${NARROW_HIDE}`}>{shortId(t.id)}</Td>
      <Td className="whitespace-nowrap text-muted tabular" title={`Created ${formatDate(t.createdAt)}, updated ${formatDate(t.updatedAt)}`}>
        {formatAgo(t.createdAt)}
      </Td>
    </Tr>
  );
}

export function ServiceTasks({ engine, id }: { engine: string; id: string }) {
  const { data: d, isPending } = useService(engine, id);
  const focus = useRowFocus();
  // Errors are shown once, by the header; the tab only waits or renders.
  if (!d) return isPending ? (
      <p aria-busy="true" className="p-4 text-muted">
        Loading…
      </p>
    ) : null;
  if (!d.tasks.length) return <EmptyState title="No tasks">The swarm keeps no task for this service: it may be scaled to 0.</EmptyState>;
  const running = d.tasks.filter((t) => t.state === 'running').length;
  return (
    <div className="h-full overflow-auto">
      <p className="px-4 pt-3 pb-2 text-[12px] text-muted tabular">
        {d.tasks.length} {d.tasks.length === 1 ? 'task' : 'tasks'} kept by the swarm · {running} running
      </p>
      <Table aria-label="Tasks">
        <thead>
          <tr>
            <Th className="w-16">Slot</Th>
            <Th className="w-[18%]">Node</Th>
            <Th className="w-24">Desired</Th>
            <Th className="w-28">State</Th>
            <Th>Error</Th>
            <Th className="w-20 text-right">Exit code</Th>
            <Th className={`w-32 ${NARROW_HIDE}`}>Task</Th>
            <Th className="w-32">Age</Th>
          </tr>
        </thead>
        <tbody data-rows ref={focus.ref} onKeyDown={focus.onKeyDown} onFocus={focus.onFocus}>
          {d.tasks.map((t) => (
            <TaskRow key={t.id} t={t} />
          ))}
        </tbody>
      </Table>
    </div>
  );
}
