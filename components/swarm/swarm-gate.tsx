'use client';
// The swarm pages need a manager: a worker says which managers to connect Berth to instead, an engine outside a
// swarm says how to form one, and an unreachable engine says why.
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import type { SwarmStatus } from '@/lib/swarm';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useSwarmStatus } from './use-swarm';

export function WorkerNotice({ status }: { status: SwarmStatus }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-3 px-6 py-14 text-[13px]">
      <p className="text-[14px] font-medium">This node is a worker: connect Berth to a manager.</p>
      <p className="text-muted">
        Workers run tasks but cannot list or change the cluster. Add a docker context for one of the managers below, and Berth shows the swarm
        through it.
      </p>
      {status.managers.length ? (
        <section aria-label="Managers this node knows">
          <h2 className="mb-1 text-[11px] font-semibold tracking-wide text-muted uppercase">Managers this node knows</h2>
          <ul className="flex flex-col gap-1">
            {status.managers.map((m) => (
              <li key={m} className="font-mono text-[12px]">
                {m}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-muted">
            For example: <code className="font-mono text-fg">docker context create manager --docker host=ssh://user@{hostOf(status.managers[0]!)}</code>
          </p>
        </section>
      ) : (
        <p className="text-muted">This node knows no manager address right now.</p>
      )}
      {status.error ? <p className="text-bad">The engine reports: {status.error}</p> : null}
    </div>
  );
}

/** "10.0.0.1:2377" → "10.0.0.1"; IPv6 "[::1]:2377" → "::1". */
function hostOf(addr: string): string {
  const m = /^\[(.*)\]:\d+$/.exec(addr) ?? /^(.*):\d+$/.exec(addr);
  return m?.[1] ?? addr;
}

function NotInSwarm({ status }: { status: SwarmStatus }) {
  return (
    <EmptyState title="This engine is not part of a swarm">
      {status.localState && status.localState !== 'inactive' ? <>Its swarm state is “{status.localState}”. </> : null}
      {status.error ? <>The engine reports: {status.error}. </> : null}
      Run <code className="font-mono text-fg">docker swarm init</code> on it to form one, or switch to an engine that is a swarm manager.
    </EmptyState>
  );
}

/** Shows `children` (a page built on the manager's procedures) only on a manager; `title` heads the other states. */
export function ManagerOnly({ engine, title, children }: { engine: string; title: string; children: ReactNode }) {
  const status = useSwarmStatus(engine);
  const error = useSettledError(status);
  const s = status.data;
  if (s?.role === 'manager') return <>{children}</>;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader title={title} />
      <div className="min-h-0 flex-1 overflow-auto">
        {error ? <ErrorBanner className="m-4" error={error} /> : null}
        {!s ? (
          status.isPending && !error ? (
            <p aria-busy="true" className="p-4 text-muted">
              Loading…
            </p>
          ) : null
        ) : s.role === 'worker' ? (
          <WorkerNotice status={s} />
        ) : (
          <NotInSwarm status={s} />
        )}
      </div>
    </div>
  );
}
