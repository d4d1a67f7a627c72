'use client';
// The engine overview: `docker info` and `docker version` essentials, and every engine Berth can reach with its health.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Facts } from '@/components/resources/detail';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/page-header';
import { useTRPC } from '@/lib/trpc';
import { cn, formatBytes } from '@/lib/utils';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-md border border-line bg-raised p-3">
      <h2 className="mb-2 text-[12px] font-semibold tracking-wide text-muted uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="flex flex-col">
      <span className="text-[11px] text-muted">{label}</span>
      <span className="text-[18px] font-semibold tabular">{value}</span>
    </div>
  );
}

export function OverviewPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const info = useQuery({ ...trpc.engines.info.queryOptions({ engine }), refetchInterval: 10_000, retry: false });
  const engines = useQuery({ ...trpc.engines.list.queryOptions(), refetchInterval: 10_000 });
  const d = info.data;
  return (
    <div className="flex h-full flex-col">
      <PageHeader title={`Engine ${engine}`} subtitle={d ? `Docker ${d.serverVersion} · API ${d.apiVersion}` : null} />
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {info.error ? <ErrorBanner className="mb-4" error={info.error} /> : null}
        {d ? (
          <div className="grid gap-3 lg:grid-cols-3">
            <Card title="At a glance">
              <div className="grid grid-cols-3 gap-3">
                <Stat label="Running" value={d.containers.running} />
                <Stat label="Paused" value={d.containers.paused} />
                <Stat label="Stopped" value={d.containers.stopped} />
                <Stat label="Images" value={d.images} />
                <Stat label="CPUs" value={d.cpus} />
                <Stat label="Memory" value={formatBytes(d.memory)} />
              </div>
            </Card>
            <Card title="System">
              <Facts rows={[['Name', d.name], ['Operating system', d.os], ['Kernel', d.kernel], ['Architecture', d.arch], ['Root dir', <span className="font-mono text-[12px]">{d.dockerRootDir}</span>]]} />
            </Card>
            <Card title="Engine">
              <Facts
                rows={[
                  ['Version', `${d.serverVersion} (${d.gitCommit})`],
                  ['API', `${d.apiVersion} (min ${d.minApiVersion})`],
                  ['Go', d.goVersion],
                  ['Storage driver', d.storageDriver],
                  ['Logging driver', d.loggingDriver],
                  ['Cgroups', `${d.cgroupDriver} v${d.cgroupVersion}`],
                  ['Runtimes', `${d.runtimes.join(', ')} (default ${d.defaultRuntime})`],
                  ['Swarm', d.swarm],
                ]}
              />
            </Card>
            {d.proxies.http || d.proxies.https ? (
              <Card title="Proxies">
                <Facts rows={[['HTTP', d.proxies.http], ['HTTPS', d.proxies.https], ['No proxy', d.proxies.no]]} />
              </Card>
            ) : null}
            {d.warnings.length ? (
              <Card title="Warnings">
                <ul className="list-disc pl-5 text-[13px] text-warn">
                  {d.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </div>
        ) : null}
        <h2 className="mt-6 mb-2 text-[13px] font-semibold">All engines</h2>
        <Table className="rounded-md border border-line">
          <thead>
            <tr>
              <Th>Engine</Th>
              <Th>Host</Th>
              <Th>Kind</Th>
              <Th>Version</Th>
              <Th>OS/arch</Th>
              <Th className="text-right">CPUs</Th>
              <Th className="text-right">Memory</Th>
            </tr>
          </thead>
          <tbody>
            {(engines.data ?? []).map((e) => (
              <Tr key={e.name} aria-selected={e.name === engine}>
                <Td>
                  <span className={cn('mr-2 inline-block size-2 rounded-full', e.health.reachable ? 'bg-ok' : 'bg-bad')} aria-hidden />
                  <Link href={`/e/${encodeURIComponent(e.name)}/containers`} className="font-medium hover:text-accent hover:underline">
                    {e.name}
                  </Link>
                  {e.current ? <span className="ml-2 text-[11px] text-muted">current</span> : null}
                </Td>
                <Td className="max-w-72 truncate font-mono text-[12px]" title={e.host}>
                  {e.host}
                </Td>
                <Td className="text-muted">{e.kind}</Td>
                {e.health.reachable ? (
                  <>
                    <Td>
                      {e.health.version} <span className="text-muted">API {e.health.apiVersion}</span>
                    </Td>
                    <Td>
                      {e.health.os}/{e.health.arch}
                    </Td>
                    <Td className="text-right tabular">{e.health.cpus}</Td>
                    <Td className="text-right tabular">{formatBytes(e.health.memory)}</Td>
                  </>
                ) : (
                  <Td colSpan={4} className="text-bad">
                    {e.health.error?.message}
                  </Td>
                )}
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>
    </div>
  );
}
