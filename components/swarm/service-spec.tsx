'use client';
// A service's spec: command, environment (masked for viewers by the server), mounts, networks, secrets and configs,
// placement, resources, update/rollback/restart policies and the endpoint mode.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Facts, KeyValues, Labels, Mono, Section, listFact } from '@/components/engine/detail-parts';
import { Badge } from '@/components/ui/badge';
import { TableBox, Td, Th, Tr } from '@/components/ui/data-table';
import type { ServiceSpec } from '@/lib/swarm';
import { formatBytes } from '@/lib/utils';
import { durationNs, labelRows } from './format';
import { useService } from './use-service';

type Policy = NonNullable<ServiceSpec['updateConfig']>;

function policyRows(p: Policy | null): [string, ReactNode][] {
  if (!p) return [['Policy', <span className="text-muted">engine defaults</span>]];
  return [
    ['Parallelism', p.parallelism === 0 ? 'all at once' : String(p.parallelism)],
    ['Delay', durationNs(p.delayNs)],
    ['On failure', p.failureAction],
    ['Order', p.order],
    ['Monitor', durationNs(p.monitorNs)],
  ];
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 rounded-md border border-line bg-raised p-3 [&_dl]:grid-cols-[7rem_minmax(0,1fr)]">
      <h2 className="mb-1.5 text-[11px] font-semibold tracking-wide text-muted uppercase">{title}</h2>
      {children}
    </section>
  );
}

const words = (xs: string[] | null) => (xs?.length ? <Mono>{xs.join(' ')}</Mono> : '');

export function ServiceSpecView({ engine, id }: { engine: string; id: string }) {
  const { data: d, isPending } = useService(engine, id);
  if (!d) return isPending ? (
      <p aria-busy="true" className="p-4 text-muted">
        Loading…
      </p>
    ) : null;
  const s = d.spec;
  const e = encodeURIComponent(engine);
  const env = s.env.map((line) => {
    const eq = line.indexOf('=');
    return eq < 0 ? { key: line, value: '' } : { key: line.slice(0, eq), value: line.slice(eq + 1) };
  });
  const r = s.resources;
  return (
    <div className="h-full overflow-auto p-4">
      <div className="grid max-w-6xl gap-3 lg:grid-cols-3">
        <Card title="Container">
          <Facts
            rows={[
              ['Image', <Mono>{d.image}</Mono>],
              ['Command', words(s.command)],
              ['Arguments', words(s.args)],
              ['User', s.user ?? ''],
              ['Working dir', s.workdir ? <Mono>{s.workdir}</Mono> : ''],
              ['Endpoint mode', <Badge tone={s.endpointMode === 'dnsrr' ? 'info' : 'neutral'}>{s.endpointMode}</Badge>],
            ]}
          />
        </Card>
        <Card title="Placement and resources">
          <Facts
            rows={[
              ['Constraints', listFact(s.placement.constraints, (c) => <Mono key={c}>{c}</Mono>)],
              ['Preferences', listFact(s.placement.preferences, (c) => <Mono key={c}>{c}</Mono>)],
              ['Max per node', s.placement.maxReplicas ? String(s.placement.maxReplicas) : ''],
              ['CPU limit', r.limitCpus ? `${r.limitCpus}` : ''],
              ['Memory limit', r.limitMemoryBytes ? formatBytes(r.limitMemoryBytes) : ''],
              ['CPU reserved', r.reserveCpus ? `${r.reserveCpus}` : ''],
              ['Memory reserved', r.reserveMemoryBytes ? formatBytes(r.reserveMemoryBytes) : ''],
            ]}
          />
        </Card>
        <Card title="Restart policy">
          <Facts
            rows={
              s.restartPolicy
                ? [
                    ['Condition', s.restartPolicy.condition],
                    ['Delay', durationNs(s.restartPolicy.delayNs)],
                    ['Max attempts', s.restartPolicy.maxAttempts ? String(s.restartPolicy.maxAttempts) : <span className="text-muted">unlimited</span>],
                    ['Window', durationNs(s.restartPolicy.windowNs)],
                  ]
                : [['Policy', <span className="text-muted">engine defaults</span>]]
            }
          />
        </Card>
        <Card title="Update policy">
          <Facts rows={policyRows(s.updateConfig)} />
        </Card>
        <Card title="Rollback policy">
          <Facts rows={[...policyRows(s.rollbackConfig), ['Previous spec', d.canRollback ? 'kept: rollback possible' : <span className="text-muted">none</span>]]} />
        </Card>
        <Card title="Networks">
          {s.networks.length ? (
            <ul className="flex flex-col gap-1 text-[13px]">
              {s.networks.map((n) => (
                <li key={n.id} className="min-w-0">
                  <Link href={`/e/${e}/swarm/networks?q=${encodeURIComponent(n.name ?? n.id)}`} className="text-accent hover:underline">
                    {n.name ?? n.id.slice(0, 12)}
                  </Link>
                  {n.aliases.length ? <span className="ml-2 font-mono text-[12px] text-muted">{n.aliases.join(', ')}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">Not attached to any network.</p>
          )}
        </Card>
      </div>
      <div className="max-w-6xl">
        <Section title="Environment" count={env.length}>
          <KeyValues rows={env} empty="No environment variables." />
        </Section>
        <Section title="Mounts" count={s.mounts.length}>
          <TableBox
            rows={s.mounts.length}
            empty="No mounts."
            head={
              <>
                <Th className="w-20">Type</Th>
                <Th>Source</Th>
                <Th>Target</Th>
                <Th className="w-28">Access</Th>
              </>
            }
          >
            {s.mounts.map((m) => (
              <Tr key={m.target}>
                <Td>
                  <Badge tone={m.type === 'volume' ? 'info' : 'neutral'}>{m.type}</Badge>
                </Td>
                <Td className="font-mono text-[12px] break-all">{m.source ?? <span className="text-muted">—</span>}</Td>
                <Td className="font-mono text-[12px] break-all">{m.target}</Td>
                <Td>{m.readOnly ? <Badge tone="warn">read-only</Badge> : 'read-write'}</Td>
              </Tr>
            ))}
          </TableBox>
        </Section>
        <Section title="Secrets and configs" count={s.secrets.length + s.configs.length}>
          <TableBox
            rows={s.secrets.length + s.configs.length}
            empty="No secrets or configs."
            head={
              <>
                <Th className="w-20">Kind</Th>
                <Th>Name</Th>
                <Th>Target</Th>
              </>
            }
          >
            {[...s.secrets.map((x) => ({ ...x, kind: 'secret' as const })), ...s.configs.map((x) => ({ ...x, kind: 'config' as const }))].map((x) => (
              <Tr key={`${x.kind}:${x.id}:${x.target}`}>
                <Td>
                  <Badge tone={x.kind === 'secret' ? 'warn' : 'neutral'}>{x.kind}</Badge>
                </Td>
                <Td>
                  <Link href={`/e/${e}/swarm/${x.kind}s?q=${encodeURIComponent(x.name)}`} className="text-accent hover:underline">
                    {x.name}
                  </Link>
                </Td>
                <Td className="font-mono text-[12px] break-all">{x.target}</Td>
              </Tr>
            ))}
          </TableBox>
        </Section>
        <Labels rows={labelRows(d.labels)} />
      </div>
    </div>
  );
}
