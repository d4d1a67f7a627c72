'use client';
// The container page's header and tab bar, shared by every tab.
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { ErrorBanner } from '@/components/ui/error-banner';
import { StateBadge } from '@/components/ui/state-badge';
import { errorView } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { ActionButtons } from '../action-buttons';
import { RemoveDialog } from '../remove-dialog';
import { useContainerActions } from '../use-container-actions';
import { useContainer } from './use-container';

const TABS = [
  ['logs', 'Logs'],
  ['inspect', 'Inspect'],
  ['stats', 'Stats'],
  ['env', 'Environment'],
  ['mounts', 'Mounts'],
  ['networks', 'Networks'],
  ['labels', 'Labels'],
] as const;

export function ContainerShell({ engine, id, children }: { engine: string; id: string; children: ReactNode }) {
  const c = useContainer(engine, id);
  const pathname = usePathname();
  const router = useRouter();
  const canChange = useCanChange();
  const { run, pending } = useContainerActions(engine);
  const [removing, setRemoving] = useState(false);
  const base = `/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(id)}`;
  const list = `/e/${encodeURIComponent(engine)}/containers`;
  const notFound = c.error && errorView(c.error).code === 'NOT_FOUND';
  const d = c.data;
  return (
    <div className="flex h-full flex-col">
      <header className="flex min-h-12 flex-wrap items-center gap-x-3 gap-y-2 border-b border-line px-4 py-2">
        <Link href={list} aria-label="Back to containers" className="text-muted hover:text-fg">
          <ArrowLeft className="size-4" />
        </Link>
        <h1 className="truncate text-[15px] font-semibold">{d?.name ?? id}</h1>
        {d ? <StateBadge state={d.state.status} /> : null}
        {d ? <span className="truncate text-muted">{d.image}</span> : null}
        {d?.project ? (
          <Link href={`${list}?project=${encodeURIComponent(d.project)}`} className="text-[12px] text-accent hover:underline">
            {d.project}
          </Link>
        ) : null}
        {canChange && d ? (
          <div className="ml-auto">
            <ActionButtons withLabels name={d.name} state={d.state.status} disabled={pending} onAction={(a) => (a === 'remove' ? setRemoving(true) : void run(a, [d.id], { [d.id]: d.name }))} />
          </div>
        ) : null}
      </header>
      <nav aria-label="Container" className="flex gap-1 border-b border-line px-3">
        {TABS.map(([tab, label]) => {
          const href = `${base}/${tab}`;
          const active = pathname === href || (tab === 'inspect' && pathname === base);
          return (
            <Link key={tab} href={href} aria-current={active ? 'page' : undefined} className={cn('-mb-px border-b-2 border-transparent px-2.5 py-2 text-[13px] text-muted hover:text-fg', active && 'border-accent font-medium text-fg')}>
              {label}
            </Link>
          );
        })}
      </nav>
      {c.error ? (
        <ErrorBanner
          className="m-4"
          error={c.error}
          action={
            notFound ? (
              <Link href={list} className="text-accent hover:underline">
                Back to the list
              </Link>
            ) : undefined
          }
        />
      ) : null}
      <div className="min-h-0 flex-1 overflow-auto">{notFound ? null : children}</div>
      <RemoveDialog
        names={removing && d ? [d.name] : null}
        anyRunning={d?.state.status === 'running' || d?.state.status === 'paused'}
        busy={pending}
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
