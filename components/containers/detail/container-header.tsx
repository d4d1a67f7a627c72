'use client';
// The container page's header and tab bar, shared by every tab.
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { RunAgainButton } from '@/components/images/run-launchers';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { VmPortNotice } from '@/components/vm/vm-port-notice';
import { DetailError, DetailTabs } from '@/components/engine/detail-parts';
import { errorView } from '@/lib/errors';
import { ActionButtons } from '../action-buttons';
import { KillDialog } from '../kill-dialog';
import { RemoveDialog } from '../remove-dialog';
import { StateMarks } from '../trouble-badges';
import { useContainerActions } from '../use-container-actions';
import { useContainer } from './use-container';

const TABS = [
  ['logs', 'Logs'],
  ['inspect', 'Inspect'],
  ['stats', 'Stats'],
  ['terminal', 'Terminal'],
  ['files', 'Files'],
  ['processes', 'Processes'],
  ['env', 'Environment'],
  ['mounts', 'Mounts'],
  ['networks', 'Networks'],
  ['labels', 'Labels'],
] as const;
/** A shell and the process list are admins' only (root in the container, secrets on command lines): others get no tab. */
const ADMIN_TABS: ReadonlySet<string> = new Set(['terminal', 'processes']);

export function ContainerShell({ engine, id, children }: { engine: string; id: string; children: ReactNode }) {
  const c = useContainer(engine, id);
  const pathname = usePathname();
  const router = useRouter();
  const canChange = useCanChangeHydrated();
  const { run, pendingIds } = useContainerActions(engine);
  const [removing, setRemoving] = useState(false);
  const [killing, setKilling] = useState(false);
  const base = `/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(id)}`;
  const list = `/e/${encodeURIComponent(engine)}/containers`;
  const notFound = Boolean(c.error) && errorView(c.error).code === 'NOT_FOUND';
  const d = notFound ? undefined : c.data;
  const busy = d ? pendingIds.has(d.id) : false;
  return (
    <div className="flex h-full flex-col">
      <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-line px-4 py-2">
        <Link href={list} aria-label="Back to containers" title="Back to containers" className="rounded p-0.5 text-muted hover:bg-panel hover:text-fg">
          <ArrowLeft className="size-4" aria-hidden />
        </Link>
        <h1 className="min-w-0 truncate text-[15px] font-semibold">{d?.name ?? id}</h1>
        {d ? (
          <StateMarks
            c={{
              state: d.state.status,
              health: d.state.health,
              exitCode: d.state.status === 'exited' || d.state.status === 'restarting' ? d.state.exitCode : undefined,
              restartCount: d.state.restartCount,
              crashLooping: d.state.crashLooping,
            }}
            pending={pendingIds.get(d.id)}
          />
        ) : null}
        {d ? (
          <span className="min-w-0 truncate text-muted" title={d.image}>
            {d.image}
          </span>
        ) : null}
        {d?.project ? (
          <Link href={`${list}?project=${encodeURIComponent(d.project)}`} title="Show this compose project" className="text-[12px] text-accent hover:underline">
            {d.project}
            {d.service ? ` / ${d.service}` : ''}
          </Link>
        ) : null}
        {canChange && d ? (
          <div className="ml-auto flex items-center gap-2">
            <RunAgainButton engine={engine} id={d.id} name={d.name} />
            <ActionButtons
              withLabels
              name={d.name}
              state={d.state.status}
              disabled={busy}
              onAction={(a) => (a === 'remove' ? setRemoving(true) : a === 'kill' ? setKilling(true) : void run(a, [d.id], { [d.id]: d.name }))}
            />
          </div>
        ) : null}
      </header>
      {notFound ? null : (
        <DetailTabs
          label="Container"
          tabs={TABS.filter(([tab]) => canChange || !ADMIN_TABS.has(tab)).map(([tab, label]) => {
            const href = `${base}/${tab}`;
            return { key: tab, label, href, active: pathname === href || (tab === 'inspect' && pathname === base) };
          })}
        />
      )}
      {c.error ? (
        <DetailError error={c.error} missing={notFound ? `Container ${id} was not found on this engine.` : null} back={{ href: list, label: 'Back to containers' }} />
      ) : null}
      <VmPortNotice engine={engine} containerId={d?.id} />
      <div className="min-h-0 flex-1 overflow-auto">{notFound ? null : children}</div>
      <KillDialog
        targets={killing && d ? [{ name: d.name }] : null}
        busy={false}
        onCancel={() => setKilling(false)}
        onConfirm={() => {
          setKilling(false);
          if (d) void run('kill', [d.id], { [d.id]: d.name });
        }}
      />
      <RemoveDialog
        targets={removing && d ? [{ name: d.name, state: d.state.status }] : null}
        busy={busy}
        onCancel={() => setRemoving(false)}
        onConfirm={async (opts) => {
          if (!d) return;
          const ok = await run('remove', [d.id], { [d.id]: d.name }, opts);
          setRemoving(false);
          if (ok) router.push(list);
        }}
      />
    </div>
  );
}
