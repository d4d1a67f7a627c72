'use client';
// The "New share link" form: an engine, a compose project or a container on it, and how long the link works.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/lib/trpc';
import { errorView } from '@/lib/errors';
import { cn } from '@/lib/utils';
import { Field, FormDialog, inputClass } from '@/components/ui/form-dialog';
import { useMakeSubmit } from './use-attempt';

type Kind = 'project' | 'container';

const PRESETS: [number, string][] = [
  [1, '1 h'],
  [24, '24 h'],
  [24 * 7, '7 days'],
  [24 * 30, '30 days'],
];

export function ShareDialog({ open, onClose, onMade }: { open: boolean; onClose: () => void; onMade: (path: string, name: string) => void }) {
  const trpc = useTRPC();
  const submit = useMakeSubmit();
  const engines = useQuery({ ...trpc.engines.list.queryOptions(), enabled: open });
  const current = useQuery(trpc.engines.current.queryOptions());
  const [picked, setEngine] = useState<string | null>(null);
  const engine = picked ?? current.data?.name ?? '';
  const [kind, setKind] = useState<Kind>('container');
  const [hours, setHours] = useState('24');
  const containers = useQuery({ ...trpc.containers.list.queryOptions({ engine }), enabled: open && engine !== '' });
  const create = useMutation(trpc.access.createShare.mutationOptions());
  const close = () => (create.reset(), setEngine(null), setKind('container'), setHours('24'), onClose());

  const rows = containers.data ?? [];
  const targets = kind === 'project' ? [...new Set(rows.flatMap((c) => (c.project ? [c.project] : [])))].sort() : rows.map((c) => c.name).sort();
  const noun = kind === 'project' ? 'Compose project' : 'Container';

  return (
    <FormDialog
      fields={['name', 'engine', 'kind', 'target', 'expiresInHours']}
      open={open}
      title="New share link"
      submitLabel="Make link"
      busy={create.isPending}
      error={create.error}
      onCancel={close}
      onSubmit={(f) =>
        submit(
          () => create.mutateAsync({ name: String(f.get('name') ?? ''), engine, kind, target: String(f.get('target') ?? ''), expiresInHours: Number(hours) }),
          (out) => onMade(out.path, out.row.name),
          close,
        )
      }
    >
      <Field label="Name" name="name" hint="Who or what it is for, such as on-call or QA of the web project.">
        <input name="name" required autoFocus autoComplete="off" className={inputClass} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Engine" name="engine">
          <select value={engine} onChange={(e) => setEngine(e.target.value)} className={inputClass}>
            {(engines.data ?? (engine ? [{ name: engine }] : [])).map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Kind" name="kind">
          <select value={kind} onChange={(e) => setKind(e.target.value === 'project' ? 'project' : 'container')} className={inputClass}>
            <option value="container">Container</option>
            <option value="project">Compose project</option>
          </select>
        </Field>
      </div>
      <Field
        label={noun}
        name="target"
        hint={
          containers.error
            ? errorView(containers.error).message
            : kind === 'project'
              ? 'The link opens this project’s containers with their logs, stats and details, read-only.'
              : 'The link opens this container’s page: logs, stats and details, read-only.'
        }
      >
        <select key={`${engine}/${kind}`} name="target" required disabled={!targets.length} className={inputClass}>
          {targets.length ? (
            targets.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))
          ) : (
            <option value="">{containers.isPending ? 'Loading…' : `No ${noun.toLowerCase()} on ${engine}`}</option>
          )}
        </select>
      </Field>
      <Field
        label="Expires in hours"
        name="expiresInHours"
        addon={
          <div role="group" aria-label="Expiry presets" className="flex gap-1">
            {PRESETS.map(([h, label]) => (
              <Button key={h} aria-pressed={hours === String(h)} className={cn(hours === String(h) && 'border-accent text-accent')} onClick={() => setHours(String(h))}>
                {label}
              </Button>
            ))}
          </div>
        }
      >
        <input name="hours" type="number" inputMode="numeric" min={1} max={24 * 365} value={hours} onChange={(e) => setHours(e.target.value)} className={cn(inputClass, 'w-28')} />
      </Field>
    </FormDialog>
  );
}
