'use client';
// Create a secret or a config: a name, the data typed or read from a file, and labels (key=value per line).
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CreateDialog } from '@/components/engine/resource-dialogs';
import { Field, inputClass } from '@/components/ui/form-dialog';
import { useTRPC } from '@/lib/trpc';
import { parseLabels } from './node-actions';
import type { ObjectKind } from './objects-page';

const MAX_BYTES = 500 * 1024;

export function CreateObjectDialog({ engine, kind, open, onClose }: { engine: string; kind: ObjectKind; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const secret = useMutation(trpc.swarm.createSecret.mutationOptions());
  const config = useMutation(trpc.swarm.createConfig.mutationOptions());
  const mutation = kind === 'secret' ? secret : config;
  const [fileNote, setFileNote] = useState<string | null>(null);
  const close = () => {
    setFileNote(null);
    onClose();
  };
  return (
    <CreateDialog
      open={open}
      onClose={close}
      title={`Create a ${kind}`}
      fields={['name', 'data', 'labels']}
      mutation={mutation}
      list={trpc.swarm.pathKey()}
      create={async (form) => {
        const name = String(form.get('name') ?? '').trim();
        const file = form.get('file');
        const typed = String(form.get('data') ?? '');
        const fromFile = file instanceof File && file.size > 0;
        const data = fromFile ? await file.text() : typed;
        const labels = parseLabels(String(form.get('labels') ?? ''));
        const input = { engine, name, data, labels };
        await (kind === 'secret' ? secret.mutateAsync(input) : config.mutateAsync(input));
        return `Created ${kind} ${name}.`;
      }}
    >
      <Field label="Name" name="name">
        <input name="name" required autoFocus spellCheck={false} placeholder={kind === 'secret' ? 'db_password' : 'nginx.conf'} className={`${inputClass} font-mono text-[12px]`} />
      </Field>
      <Field label="Data" name="data" hint={kind === 'secret' ? 'Sent once to the manager, which keeps it encrypted; Berth never shows it again.' : 'The file services will read.'}>
        <textarea name="data" rows={5} spellCheck={false} className="w-full rounded-md border border-line bg-bg px-2 py-1.5 font-mono text-[12px] text-fg focus:border-accent focus:outline-none" />
      </Field>
      <Field label="Or read it from a file" hint={fileNote ?? 'A file chosen here is used instead of the text above.'}>
        <input name="file" type="file" onChange={(e) => {
            const f = e.target.files?.[0];
            if (f && f.size > MAX_BYTES) {
              e.target.value = '';
              setFileNote(`${f.name} is ${Math.round(f.size / 1024)} KiB; the swarm takes at most 500 KiB.`);
            } else setFileNote(f ? `${f.name}: its contents are sent instead of the text above.` : null);
          }} className="text-[12px] file:mr-2 file:rounded-md file:border file:border-line file:bg-raised file:px-2 file:py-1 file:text-[12px] file:text-fg" />
      </Field>
      <Field label="Labels" name="labels" hint="One key=value per line.">
        <textarea name="labels" rows={2} spellCheck={false} className="w-full rounded-md border border-line bg-bg px-2 py-1.5 font-mono text-[12px] text-fg focus:border-accent focus:outline-none" />
      </Field>
    </CreateDialog>
  );
}
