'use client';
// The container page's data tabs: a readable inspect summary with raw JSON, environment, mounts, networks, labels.
import { Copy } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { useToast } from '@/components/ui/toast';
import { formatDate } from '@/lib/utils';
import { useContainer } from './use-container';

export type DetailTab = 'inspect' | 'env' | 'mounts' | 'networks' | 'labels';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="py-1 text-muted">{label}</dt>
      <dd className="min-w-0 py-1 break-words">{children || <span className="text-muted">—</span>}</dd>
    </>
  );
}

const mono = 'font-mono text-[12px]';

export function ContainerTab({ engine, id, tab }: { engine: string; id: string; tab: DetailTab }) {
  const { data: d } = useContainer(engine, id);
  const toast = useToast();
  if (!d) return <div className="p-4 text-muted">Loading…</div>;
  if (tab === 'inspect') {
    return (
      <div className="grid gap-6 p-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <dl className="grid grid-cols-[10rem_minmax(0,1fr)] content-start gap-x-4 text-[13px]">
          <Field label="ID">
            <span className={mono}>{d.id}</span>
          </Field>
          <Field label="Image">
            {d.image} <span className={`${mono} text-muted`}>{d.imageId.replace('sha256:', '').slice(0, 12)}</span>
          </Field>
          <Field label="Created">{formatDate(d.created)}</Field>
          <Field label="Started">{d.state.startedAt.startsWith('0001') ? '' : formatDate(d.state.startedAt)}</Field>
          <Field label="Finished">{d.state.finishedAt.startsWith('0001') ? '' : formatDate(d.state.finishedAt)}</Field>
          <Field label="Exit code">{d.state.running ? '' : String(d.state.exitCode)}</Field>
          {d.state.error ? <Field label="Error">{d.state.error}</Field> : null}
          <Field label="Command">
            <span className={mono}>{d.command.join(' ')}</span>
          </Field>
          <Field label="Entrypoint">
            <span className={mono}>{d.entrypoint.join(' ')}</span>
          </Field>
          <Field label="Working dir">
            <span className={mono}>{d.workingDir}</span>
          </Field>
          <Field label="User">{d.user}</Field>
          <Field label="Hostname">{d.hostname}</Field>
          <Field label="Restart policy">{d.restartPolicy}</Field>
          <Field label="Platform">{d.platform}</Field>
          <Field label="TTY">{d.tty ? 'yes' : 'no'}</Field>
          <Field label="Health">{d.state.health ?? ''}</Field>
          <Field label="OOM killed">{d.state.oomKilled ? 'yes' : 'no'}</Field>
          <Field label="Ports">
            {d.ports.map((p) => (
              <span key={`${p.ip}:${p.publicPort}:${p.privatePort}/${p.type}`} className={`${mono} mr-3 inline-block`}>
                {p.publicPort ? `${p.ip ?? '0.0.0.0'}:${p.publicPort} → ` : ''}
                {p.privatePort}/{p.type}
              </span>
            ))}
          </Field>
          {d.project ? (
            <Field label="Compose">
              {d.project} / {d.service}
            </Field>
          ) : null}
        </dl>
        <section className="min-w-0">
          <div className="mb-2 flex items-center justify-between">
            <h2 className="text-[13px] font-semibold">Raw JSON</h2>
            <Button
              onClick={() => navigator.clipboard.writeText(d.raw).then(() => toast('ok', 'Copied the inspect JSON.'), () => toast('bad', 'The browser did not allow copying.'))}
            >
              <Copy /> Copy
            </Button>
          </div>
          <pre className="max-h-[70vh] overflow-auto rounded-md border border-line bg-panel p-3 font-mono text-[12px] leading-5">{d.raw}</pre>
        </section>
      </div>
    );
  }
  const empty = (what: string) => <EmptyState title={`No ${what}`} />;
  if (tab === 'env') {
    if (!d.env.length) return empty('environment variables');
    return (
      <Table>
        <thead>
          <tr>
            <Th className="w-72">Name</Th>
            <Th>Value</Th>
          </tr>
        </thead>
        <tbody>
          {d.env.map((e) => (
            <Tr key={e.key}>
              <Td className={`${mono} font-medium`}>{e.key}</Td>
              <Td className={`${mono} break-all`}>{e.value}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    );
  }
  if (tab === 'mounts') {
    if (!d.mounts.length) return empty('mounts');
    return (
      <Table>
        <thead>
          <tr>
            <Th>Type</Th>
            <Th>Source</Th>
            <Th>Destination</Th>
            <Th>Mode</Th>
          </tr>
        </thead>
        <tbody>
          {d.mounts.map((m) => (
            <Tr key={m.destination}>
              <Td>{m.type}</Td>
              <Td className={`${mono} break-all`}>{m.name ?? m.source}</Td>
              <Td className={mono}>{m.destination}</Td>
              <Td>{m.rw ? 'read-write' : 'read-only'}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    );
  }
  if (tab === 'networks') {
    if (!d.networks.length) return empty('networks');
    return (
      <Table>
        <thead>
          <tr>
            <Th>Network</Th>
            <Th>IP address</Th>
            <Th>Gateway</Th>
            <Th>MAC</Th>
            <Th>Aliases</Th>
          </tr>
        </thead>
        <tbody>
          {d.networks.map((n) => (
            <Tr key={n.name}>
              <Td className="font-medium">{n.name}</Td>
              <Td className={mono}>{n.ipAddress}</Td>
              <Td className={mono}>{n.gateway}</Td>
              <Td className={mono}>{n.macAddress}</Td>
              <Td>{n.aliases.join(', ')}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    );
  }
  if (!d.labels.length) return empty('labels');
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-96">Label</Th>
          <Th>Value</Th>
        </tr>
      </thead>
      <tbody>
        {d.labels.map((l) => (
          <Tr key={l.key}>
            <Td className={`${mono} break-all`}>{l.key}</Td>
            <Td className={`${mono} break-all`}>{l.value}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
