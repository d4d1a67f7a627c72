'use client';
// The swarm at a glance: nodes ready, managers, services and their replicas, what load balancing can do here, and
// for admins the join tokens, fetched on request and never kept in the query cache.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Copy, KeyRound } from 'lucide-react';
import Link from 'next/link';
import { type ReactNode, useRef } from 'react';
import { Facts, Mono } from '@/components/engine/detail-parts';
import { useSettledError } from '@/components/engine/use-settled-error';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { copyText } from '@/lib/copy-text';
import type { SwarmStatus } from '@/lib/swarm';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { WorkerNotice } from './swarm-gate';
import { useListOptions, useSwarmStatus } from './use-swarm';

function Stat({ label, value, note, tone, href }: { label: string; value: ReactNode; note?: ReactNode; tone?: string; href: string }) {
  return (
    <Link href={href} className="flex min-w-0 flex-col rounded-md border border-line bg-raised px-3 py-2 hover:border-accent/60">
      <span className="text-[11px] text-muted">{label}</span>
      <span className={cn('truncate text-[18px] leading-7 font-semibold tabular', tone)}>{value}</span>
      {note ? <span className="truncate text-[11px] text-muted tabular">{note}</span> : null}
    </Link>
  );
}

function JoinLine({ label, command }: { label: string; command: string }) {
  const toast = useToast();
  const pre = useRef<HTMLElement>(null);
  return (
    <div className="flex flex-col gap-1">
      <span className="text-[12px] font-medium">{label}</span>
      <div className="flex items-start gap-2">
        <code ref={pre} className="min-w-0 flex-1 rounded-md border border-line bg-bg px-2 py-1.5 font-mono text-[12px] break-all select-all" aria-label={`${label} command`}>
          {command}
        </code>
        <Button
          size="md"
          aria-label={`Copy the ${label.toLowerCase()} command`}
          onClick={() => copyText(command, pre.current).then(() => toast('ok', 'Copied.'), () => toast('bad', 'The browser did not allow copying; select the text instead.'))}
        >
          <Copy aria-hidden /> Copy
        </Button>
      </div>
    </div>
  );
}

function JoinTokens({ engine }: { engine: string }) {
  const trpc = useTRPC();
  // A mutation, not a query: the tokens are shown for this request only and never cached.
  const tokens = useMutation(trpc.swarm.joinTokens.mutationOptions());
  return (
    <section aria-labelledby="join-tokens" className="mt-6 max-w-4xl">
      <h2 id="join-tokens" className="mb-2 text-[13px] font-semibold">
        Add a node
      </h2>
      {tokens.data ? (
        <div className="flex flex-col gap-3 rounded-md border border-line bg-panel p-3">
          <JoinLine label="Worker" command={tokens.data.worker.command} />
          <JoinLine label="Manager" command={tokens.data.manager.command} />
          <div className="flex items-center gap-3">
            <p className="flex-1 text-[12px] text-muted">Run one of these on the new node. Anyone with a token can join the swarm: share it as you would a password.</p>
            <Button onClick={() => tokens.reset()}>Hide</Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => tokens.mutate({ engine })} disabled={tokens.isPending}>
            <KeyRound aria-hidden /> {tokens.isPending ? 'Asking the manager…' : 'Show join tokens'}
          </Button>
          <span className="text-[12px] text-muted">The worker and manager tokens with their docker swarm join lines.</span>
        </div>
      )}
      {tokens.error ? <ErrorBanner className="mt-2" error={tokens.error} /> : null}
    </section>
  );
}

function Summary({ engine, status }: { engine: string; status: SwarmStatus }) {
  const trpc = useTRPC();
  const options = useListOptions();
  const nodes = useQuery({ ...trpc.swarm.nodes.queryOptions({ engine }), ...options });
  const services = useQuery({ ...trpc.swarm.services.queryOptions({ engine }), ...options });
  const stacks = useQuery({ ...trpc.swarm.stacks.queryOptions({ engine }), ...options });
  const nodesError = useSettledError(nodes);
  const servicesError = useSettledError(services);
  const error = nodesError ?? servicesError;
  const canChange = useCanChangeHydrated();
  const e = `/e/${encodeURIComponent(engine)}/swarm`;
  const n = nodes.data;
  const s = services.data;
  const ready = n?.filter((x) => x.state === 'ready').length;
  const managers = n?.filter((x) => x.role === 'manager');
  const unreachable = managers?.filter((x) => x.manager && x.manager.reachability !== 'reachable').length ?? 0;
  const drained = n?.filter((x) => x.availability !== 'active').length ?? 0;
  const short = s?.filter((x) => x.running < x.desired).length ?? 0;
  const updating = s?.filter((x) => x.update && x.update.state !== 'completed').length ?? 0;
  const leader = managers?.find((x) => x.manager?.leader);
  const dash = '…';
  return (
    <div className="min-h-0 flex-1 overflow-auto p-4">
      {error ? <ErrorBanner className="mb-4" error={error} /> : null}
      {!status.loadBalancing.available ? (
        <p role="note" className="mb-4 max-w-4xl rounded-md border border-warn/40 bg-warn/8 px-3 py-2 text-[13px]" data-load-balancing>
          {status.loadBalancing.sentence ?? 'Native load balancing (the routing mesh and virtual IPs) is not available on this engine: publish ports in host mode and use dnsrr endpoints.'}
        </p>
      ) : null}
      <div className="grid max-w-4xl grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Nodes ready" value={n ? `${ready}/${n.length}` : dash} tone={n && ready! < n.length ? 'text-warn' : undefined} note={drained ? `${drained} drained or paused` : 'all active'} href={`${e}/nodes`} />
        <Stat label="Managers" value={managers ? managers.length : (status.managerCount ?? dash)} tone={unreachable ? 'text-bad' : undefined} note={unreachable ? `${unreachable} unreachable` : leader ? `leader ${leader.hostname}` : undefined} href={`${e}/nodes?sort=role`} />
        <Stat label="Services" value={s ? s.length : dash} tone={short ? 'text-warn' : undefined} note={short ? `${short} short of replicas` : updating ? `${updating} updating` : s ? 'all at full strength' : undefined} href={`${e}/services`} />
        <Stat label="Stacks" value={stacks.data ? stacks.data.length : dash} href={`${e}/stacks`} />
      </div>
      <section aria-labelledby="this-engine" className="mt-6 max-w-4xl">
        <h2 id="this-engine" className="mb-2 text-[13px] font-semibold">
          This engine
        </h2>
        <Facts
          rows={[
            ['Role', status.role],
            ['Swarm state', status.localState],
            ['Node ID', status.nodeId ? <Mono>{status.nodeId}</Mono> : ''],
            ['Address', status.nodeAddr ? <Mono>{status.nodeAddr}</Mono> : ''],
            ['Cluster ID', status.clusterId ? <Mono>{status.clusterId}</Mono> : ''],
            ['Error', status.error ? <span className="text-bad">{status.error}</span> : ''],
          ]}
        />
      </section>
      {canChange ? <JoinTokens engine={engine} /> : null}
    </div>
  );
}

export function SwarmOverviewPage({ engine }: { engine: string }) {
  const status = useSwarmStatus(engine);
  const error = useSettledError(status);
  const s = status.data;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader title="Swarm" subtitle={s?.role === 'manager' ? 'manager' : s?.role === 'worker' ? 'worker' : null} />
      {error ? <ErrorBanner className="m-4 mb-0" error={error} /> : null}
      {!s ? (
        status.isPending && !error ? (
          <p aria-busy="true" className="p-4 text-muted">
            Loading…
          </p>
        ) : null
      ) : s.role === 'manager' ? (
        <Summary engine={engine} status={s} />
      ) : s.role === 'worker' ? (
        <WorkerNotice status={s} />
      ) : (
        <p className="p-4 text-muted">
          This engine is not part of a swarm. Run <code className="font-mono text-fg">docker swarm init</code> on it to form one.
        </p>
      )}
    </div>
  );
}
