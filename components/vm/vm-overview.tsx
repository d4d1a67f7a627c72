'use client';
// /vm: the VM's state, start/stop/restart with progress, how to reach its engine, and its forwarded ports.
import { Copy, ExternalLink, Play, RotateCw, Square } from 'lucide-react';
import Link from 'next/link';
import { Facts, Mono, Section } from '@/components/engine/detail-parts';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useToast } from '@/components/ui/toast';
import { formatAgo } from '@/lib/utils';
import { formatBinaryBytes } from '@/lib/binary-units';
import { OperationPanel } from './operation-panel';
import type { VmStatus } from './types';
import { useVmActions, useVmStatus } from './use-vm';

function Actions({ s }: { s: VmStatus }) {
  const a = useVmActions();
  const canChange = useCanChange();
  if (!canChange) return null;
  const busy = Boolean(s.operation && !s.operation.finishedAt);
  const up = s.state === 'running' || s.state === 'starting';
  return (
    <div className="flex gap-2">
      {up ? (
        <Button size="md" onClick={() => a.stop.mutate()} disabled={busy || a.stop.isPending}>
          <Square /> Stop
        </Button>
      ) : (
        <Button size="md" variant="primary" onClick={() => a.start.mutate()} disabled={busy || a.start.isPending}>
          <Play /> {s.state === 'not-built' ? 'Build and start' : 'Start'}
        </Button>
      )}
      {/* A stopped VM is started, not restarted. */}
      {s.state === 'running' ? (
        <Button size="md" onClick={() => a.restart.mutate()} disabled={busy || a.restart.isPending}>
          <RotateCw /> Restart
        </Button>
      ) : null}
      {[a.start.error, a.stop.error, a.restart.error].filter(Boolean).map((e, i) => (
        <ErrorBanner key={i} error={e} />
      ))}
    </div>
  );
}

function CopyCommand({ text }: { text: string }) {
  const toast = useToast();
  return (
    <span className="inline-flex items-center gap-1">
      <Mono>{text}</Mono>
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Copy ${text}`}
        title="Copy"
        onClick={() => navigator.clipboard.writeText(text).then(() => toast('ok', 'Copied.'), () => toast('bad', 'The browser did not allow copying.'))}
      >
        <Copy />
      </Button>
    </span>
  );
}

function CrashBanner({ message }: { message: string }) {
  const a = useVmActions();
  const canChange = useCanChange();
  const action = canChange ? (
    <Button onClick={() => a.start.mutate()} disabled={a.start.isPending}>
      <Play /> Start again
    </Button>
  ) : undefined;
  return <ErrorBanner error={new Error(message)} action={action} />;
}

export function VmOverview() {
  const status = useVmStatus();
  const s = status.data;
  if (status.error) return <ErrorBanner error={status.error} />;
  if (!s) return <div aria-busy="true" className="h-40 animate-pulse rounded-md bg-line/40" />;
  const running = s.state === 'running';
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      {s.state === 'error' && s.message ? <CrashBanner message={s.message} /> : null}
      {s.state === 'stopped' && s.lastExit?.expected ? <p className="text-[13px] text-muted">{s.lastExit.message}</p> : null}
      <OperationPanel operation={s.operation} kinds={['start', 'stop', 'restart', 'build', 'apply', 'rebuild', 'reset']} />
      <div className="flex flex-wrap items-center gap-3">
        <Actions s={s} />
        {running ? (
          <Link href={`/e/${encodeURIComponent(s.engine)}/containers`} className="ml-auto inline-flex items-center gap-1 text-[13px] text-accent hover:underline">
            Containers in the VM <ExternalLink className="size-3.5" aria-hidden />
          </Link>
        ) : null}
      </div>
      {s.state === 'not-built' ? (
        <p className="max-w-2xl text-[13px] text-muted">
          Berth runs Docker Engine in its own Linux VM, like Docker Desktop. The first start builds the VM image from Debian packages (about a minute), then boots it.
        </p>
      ) : null}
      <Section title="Machine">
        <Facts
          rows={[
            ['Accelerator', s.accel ? <span>{s.accel === 'kvm' ? 'KVM' : 'Software emulation (TCG)'}<span className="block text-[12px] text-muted">{s.accelReason}</span></span> : 'Chosen at start'],
            // Only a running VM has a start time worth showing.
            ...(running && s.startedAt ? [['Started', formatAgo(s.startedAt)] as [string, string]] : []),
            ['CPUs', String(s.cpus ?? s.settings.cpus)],
            ['Memory', `${s.memoryMiB ?? s.settings.memoryMiB} MiB`],
            ['Swap', s.settings.swapMiB ? `${s.settings.swapMiB} MiB` : 'None'],
            ['Data disk', s.disk ? `${formatBinaryBytes(s.disk.allocatedBytes)} used on this machine of ${formatBinaryBytes(s.disk.maxBytes)} maximum` : `Created at first start (${s.settings.diskMaxGiB} GiB maximum)`],
            ['Image', s.image.stamp ? `Debian ${s.image.stamp.suite}, kernel ${s.image.stamp.kernel}${s.image.current ? '' : ' — outdated, rebuilt at the next start'}` : 'Not built yet'],
          ]}
        />
      </Section>
      <Section title="Docker CLI">
        <Facts
          rows={[
            ['Engine socket', <Mono key="s">unix://{s.socket}</Mono>],
            ['Context', <span key="c">{s.context.name}{s.context.current ? ' (current)' : ''}</span>],
            ['Try it', running ? <CopyCommand key="t" text="docker --context berth run --rm busybox echo hello" /> : 'Start the VM first'],
            ['Shared directories', s.settings.shares.length ? s.settings.shares.join(', ') : 'None'],
          ]}
        />
      </Section>
      <Section title="Forwarded ports" count={s.ports.length}>
        {s.ports.length === 0 ? (
          <p className="text-[13px] text-muted">{running ? 'No container in the VM publishes a port.' : 'Ports are forwarded while the VM runs.'}</p>
        ) : (
          <Table>
            <thead>
              <Tr>
                <Th>Address on this machine</Th>
                <Th>Container</Th>
                <Th>Status</Th>
              </Tr>
            </thead>
            <tbody>
              {s.ports.map((p) => (
                <Tr key={`${p.proto}:${p.hostIp}:${p.hostPort}`}>
                  <Td className="font-mono">
                    {p.error ? `${p.hostIp}:${p.hostPort}/${p.proto}` : <a className="text-accent hover:underline" href={`http://127.0.0.1:${p.hostPort}`} target="_blank" rel="noreferrer">{`${p.hostIp}:${p.hostPort}/${p.proto}`}</a>}
                  </Td>
                  <Td>
                    <Link className="hover:underline" href={`/e/${encodeURIComponent(s.engine)}/containers/${p.containerId}`}>
                      {p.containerName}
                    </Link>
                  </Td>
                  <Td className={p.error ? 'text-bad' : 'text-muted'}>{p.error ?? 'Forwarded'}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
    </div>
  );
}
