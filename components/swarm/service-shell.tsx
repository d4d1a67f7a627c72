'use client';
// A service's page: header with its state and admins' actions, a sentence when an update stopped, and the tabs.
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Badge } from '@/components/ui/badge';
import { DetailError, DetailTabs } from '@/components/engine/detail-parts';
import type { ServiceDetail } from '@/lib/swarm';
import { errorView } from '@/lib/errors';
import { modeWord } from './format';
import { ServiceActionButtons, useServiceActions } from './service-actions';
import { ReplicasText, UpdateCell } from './service-cells';
import { ManagerOnly } from './swarm-gate';
import { useService } from './use-service';

const TABS = [
  ['', 'Tasks'],
  ['spec', 'Spec'],
  ['logs', 'Logs'],
] as const;

/** An update that stopped says why, with the newest task error: the engine's message alone is often only "update paused". */
function stoppedUpdate(d: ServiceDetail): string | null {
  const state = d.update?.state;
  if (state !== 'paused' && state !== 'rollback_paused' && state !== 'rollback_completed' && state !== 'rollback_started') return null;
  const failed = d.tasks.find((t) => t.error || t.state === 'failed' || t.state === 'rejected');
  const what = state === 'paused' ? 'The update is paused' : state === 'rollback_started' ? 'The update failed and is rolling back' : state === 'rollback_paused' ? 'The rollback is paused' : 'The update was rolled back';
  const parts = [what + (d.update?.message ? `: ${d.update.message}` : '.')];
  if (failed?.error) parts.push(`Latest task error${failed.nodeHostname ? ` on ${failed.nodeHostname}` : ''}: ${failed.error}`);
  return parts.join(' ');
}

function Shell({ engine, id, children }: { engine: string; id: string; children: ReactNode }) {
  const q = useService(engine, id);
  const pathname = usePathname();
  const router = useRouter();
  const canChange = useCanChangeHydrated();
  const list = `/e/${encodeURIComponent(engine)}/swarm/services`;
  const base = `${list}/${encodeURIComponent(id)}`;
  const actions = useServiceActions(engine, () => router.push(list));
  const notFound = Boolean(q.error) && errorView(q.error).code === 'NOT_FOUND';
  const d = notFound ? undefined : q.data;
  const stopped = d ? stoppedUpdate(d) : null;
  return (
    <div className="flex h-full flex-col">
      <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-line px-4 py-2">
        <Link href={list} aria-label="Back to services" title="Back to services" className="rounded p-0.5 text-muted hover:bg-panel hover:text-fg">
          <ArrowLeft className="size-4" aria-hidden />
        </Link>
        <span className="text-[12px] text-muted">Service</span>
        <h1 className="min-w-0 truncate text-[15px] font-semibold">{d?.name ?? id}</h1>
        {d ? (
          <>
            <Badge>{modeWord(d.mode)}</Badge>
            <span className="text-[13px]" data-replicas>
              <ReplicasText s={d} />
            </span>
            {d.update ? (
              <span className="max-w-72 min-w-0">
                <UpdateCell update={d.update} />
              </span>
            ) : null}
            <span className="min-w-0 truncate font-mono text-[12px] text-muted" title={d.image}>
              {d.image}
            </span>
          </>
        ) : null}
        {canChange && d ? (
          <div className="ml-auto">
            <ServiceActionButtons withLabels service={d} onAction={(a) => actions.run(d, a)} />
          </div>
        ) : null}
      </header>
      {notFound ? null : (
        <DetailTabs
          label="Service"
          tabs={TABS.map(([tab, label]) => {
            const href = tab ? `${base}/${tab}` : base;
            return { key: label, label, href, active: pathname === href };
          })}
        />
      )}
      {q.error ? (
        <DetailError error={q.error} missing={notFound ? `Service ${id} was not found in this swarm.` : null} back={{ href: list, label: 'Back to services' }} />
      ) : null}
      {stopped ? (
        <p role="status" className="mx-4 mt-3 rounded-md border border-warn/40 bg-warn/8 px-3 py-2 text-[13px] break-words" data-update-sentence>
          {stopped}
        </p>
      ) : null}
      {notFound ? null : <div className="min-h-0 flex-1">{children}</div>}
      {actions.dialogs}
    </div>
  );
}

export function ServiceShell({ engine, id, children }: { engine: string; id: string; children: ReactNode }) {
  return (
    <ManagerOnly engine={engine} title="Service">
      <Shell engine={engine} id={id}>
        {children}
      </Shell>
    </ManagerOnly>
  );
}
