'use client';
// Creating a volume: optional name, driver, labels as key=value lines; the server names the field it rejects.
import { useMutation } from '@tanstack/react-query';
import { CreateDialog } from '@/components/engine/resource-dialogs';
import { Field, inputClass } from '@/components/ui/form-dialog';
import { useTRPC } from '@/lib/trpc';

/** "a=1\nb=2" → { a: '1', b: '2' }; a line without "=" is a label with an empty value. */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const i = t.indexOf('=');
    if (i < 0) out[t] = '';
    else out[t.slice(0, i).trim()] = t.slice(i + 1).trim();
  }
  return out;
}

const FIELDS = ['name', 'driver', 'labels'];

export function CreateVolumeDialog({ engine, open, onClose }: { engine: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.volumes.create.mutationOptions());
  return (
    <CreateDialog
      open={open}
      onClose={onClose}
      title="Create volume"
      fields={FIELDS}
      mutation={create}
      list={trpc.volumes.list.queryKey()}
      create={async (form) => {
        const name = String(form.get('name') ?? '').trim();
        const driver = String(form.get('driver') ?? '').trim();
        const labels = parseLabels(String(form.get('labels') ?? ''));
        const out = await create.mutateAsync({ engine, ...(name ? { name } : {}), driver: driver || 'local', ...(Object.keys(labels).length ? { labels } : {}) });
        // The server's answer can lack the name (dockerode returns a handle, not the record): fall back to the one typed.
        const created = out.name || name;
        return created ? `Created volume ${created}.` : 'Created a volume with a generated name.';
      }}
    >
      <Field
        label="Name"
        name="name"
        hint="Leave empty for a generated name."
        render={(a) => <input {...a} autoFocus autoComplete="off" spellCheck={false} placeholder="data" className={inputClass} />}
      />
      <Field label="Driver" name="driver" render={(a) => <input {...a} autoComplete="off" spellCheck={false} defaultValue="local" className={inputClass} />} />
      <Field
        label="Labels"
        name="labels"
        hint="One key=value a line."
        render={(a) => <textarea {...a} rows={3} spellCheck={false} placeholder={'com.example.team=web\nbackup=nightly'} className={`${inputClass} h-auto py-1 font-mono`} />}
      />
    </CreateDialog>
  );
}
