'use client';
// The selected engine's essentials as compact cards: counts, host, engine build, drivers, proxies, warnings.
import { AlertTriangle } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatBytes } from '@/lib/utils';
import type { RouterOutputs } from '@/lib/router-types';
import { Facts, Mono, listFact } from './detail-parts';

type EngineInfo = RouterOutputs['engines']['info'];

function Card({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section aria-label={title} className={`rounded-md border border-line bg-raised p-3 ${className ?? ''}`}>
      <h2 className="mb-1.5 text-[11px] font-semibold tracking-wide text-muted uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Stat({ label, value, tone, note }: { label: string; value: ReactNode; tone?: string; note?: string }) {
  return (
    <div className="flex min-w-0 flex-col rounded-md border border-line bg-raised px-3 py-2">
      <span className="text-[11px] text-muted">{label}</span>
      <span className={`truncate text-[18px] leading-7 font-semibold tabular ${tone ?? ''}`}>{value}</span>
      {note ? <span className="truncate text-[11px] text-muted tabular">{note}</span> : null}
    </div>
  );
}

export function EngineInfoSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the engine" className="grid gap-3">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-[54px] animate-pulse rounded-md border border-line bg-panel" />
        ))}
      </div>
      <div className="grid gap-3 lg:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="h-56 animate-pulse rounded-md border border-line bg-panel" />
        ))}
      </div>
    </div>
  );
}

export function EngineInfoCards({ d }: { d: EngineInfo }) {
  const c = d.containers;
  return (
    <div className="grid gap-3">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        <Stat label="Running" value={c.running} tone={c.running ? 'text-ok' : undefined} />
        <Stat label="Paused" value={c.paused} tone={c.paused ? 'text-warn' : undefined} />
        <Stat label="Stopped" value={c.stopped} />
        <Stat
          label="Images"
          value={d.images}
          note={d.intermediateImages ? `${d.intermediateImages} intermediate layer${d.intermediateImages === 1 ? '' : 's'}` : undefined}
        />
        <Stat label="CPUs" value={d.cpus} />
        <Stat label="Memory" value={formatBytes(d.memory)} />
      </div>
      <div className="grid gap-3 lg:grid-cols-3">
        <Card title="Host">
          <Facts
            rows={[
              ['Name', d.name],
              ['Operating system', d.os],
              ['OS type', d.osType],
              ['Kernel', d.kernel ? <Mono>{d.kernel}</Mono> : ''],
              ['Architecture', d.arch],
              ['Root dir', d.dockerRootDir ? <Mono>{d.dockerRootDir}</Mono> : ''],
            ]}
          />
        </Card>
        <Card title="Engine">
          <Facts
            rows={[
              ['Server version', d.serverVersion],
              ['API version', d.minApiVersion ? `${d.apiVersion} (min ${d.minApiVersion})` : d.apiVersion],
              ['Go', d.goVersion],
              ['Git commit', d.gitCommit ? <Mono>{d.gitCommit}</Mono> : ''],
              ['Experimental', d.experimental ? 'yes' : 'no'],
              ['Swarm', d.swarm],
              ...d.components.filter((x) => x.name !== 'Engine').map((x): [string, ReactNode] => [x.name, <Mono>{x.version}</Mono>]),
            ]}
          />
        </Card>
        <Card title="Drivers">
          <Facts
            rows={[
              ['Storage driver', d.storageDriver],
              ['Logging driver', d.loggingDriver],
              ['Cgroup driver', d.cgroupDriver],
              ['Cgroup version', d.cgroupVersion],
              [
                'Runtimes',
                listFact(d.runtimes, (r) => (
                  <span key={r} className="break-all">
                    {r}
                    {r === d.defaultRuntime ? <span className="text-muted"> (default)</span> : null}
                  </span>
                )),
              ],
              ['Security', d.security.length ? <span className="flex flex-col">{d.security.map((s) => <Mono key={s}>{s}</Mono>)}</span> : ''],
            ]}
          />
        </Card>
        <Card title="Proxies">
          <Facts
            rows={[
              ['HTTP proxy', d.proxies.http ? <Mono>{d.proxies.http}</Mono> : <span className="text-muted">none</span>],
              ['HTTPS proxy', d.proxies.https ? <Mono>{d.proxies.https}</Mono> : <span className="text-muted">none</span>],
              ['No proxy', d.proxies.no ? <Mono>{d.proxies.no}</Mono> : <span className="text-muted">none</span>],
              ['Registries', d.registries.join(', ')],
            ]}
          />
        </Card>
        <Card title={`Warnings (${d.warnings.length})`} className="lg:col-span-2">
          {d.warnings.length ? (
            <ul className="flex flex-col gap-1 text-[13px]">
              {d.warnings.map((w, i) => (
                <li key={i} className="flex items-start gap-2">
                  <AlertTriangle className="mt-0.5 size-3.5 shrink-0 text-warn" aria-hidden />
                  <span className="break-words">{w}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">The engine reports no warnings.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
