'use client';
// The inspect tab: the facts people look up most, then the raw `docker inspect` JSON to copy.
import { Copy } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ContainerDetail } from '@/server/docker/container-detail';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { formatAgo, formatDate } from '@/lib/utils';

const mono = 'font-mono text-[12px]';
const never = (t: string) => !t || t.startsWith('0001-01-01');

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === '' || children === null || children === undefined;
  return (
    <>
      <dt className="py-1 text-muted">{label}</dt>
      <dd className="min-w-0 py-1 break-words">{empty ? <span className="text-muted">—</span> : children}</dd>
    </>
  );
}

function When({ time }: { time: string }) {
  if (never(time)) return null;
  return (
    <span title={time}>
      {formatDate(time)} <span className="text-muted">({formatAgo(time)})</span>
    </span>
  );
}

function Argv({ args }: { args: string[] }) {
  return <code className={mono}>{args.map((a) => (/[\s"']/.test(a) || a === '' ? JSON.stringify(a) : a)).join(' ')}</code>;
}

export function InspectTab({ d }: { d: ContainerDetail }) {
  const toast = useToast();
  const s = d.state;
  const copy = () =>
    navigator.clipboard.writeText(d.raw).then(
      () => toast('ok', 'Copied the inspect JSON.'),
      () => toast('bad', 'The browser did not allow copying.'),
    );
  return (
    <div className="grid gap-6 p-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <section aria-labelledby="summary-h" className="min-w-0">
        <h2 id="summary-h" className="mb-2 flex h-7 items-center text-[13px] font-semibold">
          Summary
        </h2>
        <dl className="grid grid-cols-[9rem_minmax(0,1fr)] content-start gap-x-4 text-[13px]">
          <Field label="ID">
            <code className={`${mono} break-all`}>{d.id}</code>
          </Field>
          <Field label="Image">
            {d.image} <code className={`${mono} text-muted`}>{d.imageId.replace('sha256:', '').slice(0, 12)}</code>
          </Field>
          <Field label="Created">
            <When time={d.created} />
          </Field>
          <Field label="Started">
            <When time={s.startedAt} />
          </Field>
          <Field label="Finished">{s.running ? '' : <When time={s.finishedAt} />}</Field>
          <Field label="Exit code">{s.running || never(s.finishedAt) ? '' : <span className={s.exitCode ? 'text-bad' : undefined}>{s.exitCode}</span>}</Field>
          {s.error ? (
            <Field label="Error">
              <span className="text-bad">{s.error}</span>
            </Field>
          ) : null}
          <Field label="Command">{d.command.length ? <Argv args={d.command} /> : ''}</Field>
          <Field label="Entrypoint">{d.entrypoint.length ? <Argv args={d.entrypoint} /> : ''}</Field>
          <Field label="Working dir">{d.workingDir ? <code className={mono}>{d.workingDir}</code> : ''}</Field>
          <Field label="User">{d.user}</Field>
          <Field label="Hostname">{d.hostname ? <code className={mono}>{d.hostname}</code> : ''}</Field>
          <Field label="Restart policy">{d.restartPolicy}</Field>
          <Field label="Platform">{d.platform}</Field>
          <Field label="TTY">{d.tty ? 'yes' : 'no'}</Field>
          <Field label="Ports">
            {d.ports.length
              ? d.ports.map((p) => (
                  <code key={`${p.ip}:${p.publicPort}:${p.privatePort}/${p.type}`} className={`${mono} mr-3 inline-block`}>
                    {p.publicPort ? `${p.ip ?? '0.0.0.0'}:${p.publicPort} → ` : ''}
                    {p.privatePort}/{p.type}
                  </code>
                ))
              : ''}
          </Field>
          <Field label="Health">{s.health ?? ''}</Field>
          <Field label="OOM killed">{s.oomKilled ? <span className="text-bad">yes</span> : 'no'}</Field>
          <Field label="Compose project">{d.project ?? ''}</Field>
          <Field label="Compose service">{d.service ?? ''}</Field>
        </dl>
      </section>
      <section aria-labelledby="raw-h" className="min-w-0">
        <div className="mb-2 flex h-7 items-center justify-between">
          <h2 id="raw-h" className="text-[13px] font-semibold">
            Raw JSON
          </h2>
          <Button onClick={copy} aria-label="Copy raw JSON">
            <Copy aria-hidden /> Copy
          </Button>
        </div>
        <pre className="max-h-[70vh] overflow-auto rounded-md border border-line bg-panel p-3 font-mono text-[12px] leading-5">{d.raw}</pre>
      </section>
    </div>
  );
}
