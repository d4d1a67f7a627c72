'use client';
// The "New token" form: a name, the user it acts as, and an optional expiry in days.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMe } from '@/components/shell/use-role';
import { useTRPC } from '@/lib/trpc';
import { Field, FormDialog, inputClass } from '@/components/ui/form-dialog';
import { useMakeSubmit } from './use-attempt';

export function TokenDialog({ open, onClose, onMade }: { open: boolean; onClose: () => void; onMade: (token: string, name: string) => void }) {
  const trpc = useTRPC();
  const me = useMe();
  const users = useQuery({ ...trpc.access.users.queryOptions(), enabled: open });
  const submit = useMakeSubmit();
  const create = useMutation(trpc.access.createToken.mutationOptions());
  const close = () => (create.reset(), onClose());
  const mine = users.data?.find((u) => u.name === me.data?.name);
  return (
    <FormDialog
      fields={['name', 'userId', 'expiresInDays']}
      open={open}
      title="New API token"
      submitLabel="Make token"
      busy={create.isPending}
      error={create.error}
      onCancel={close}
      onSubmit={(f) => {
        const days = String(f.get('days') ?? '').trim();
        return submit(
          () =>
            create.mutateAsync({
              name: String(f.get('name') ?? ''),
              userId: Number(f.get('user')) || undefined,
              // An empty field means "never"; anything else goes to the server, which says what is wrong with it.
              expiresInDays: days === '' ? undefined : Number(days),
            }),
          (out) => onMade(out.token, out.row.name),
          close,
        );
      }}
    >
      <Field label="Name" name="name" hint="What the token is for, such as CI deploys or a monitoring script.">
        <input name="name" required autoFocus autoComplete="off" className={inputClass} />
      </Field>
      <Field label="Acts as" name="userId" hint="The token has this user's role: a viewer's token cannot change anything.">
        {/* Keyed on the signed-in user so the default is chosen once the list arrives. */}
        <select key={mine?.id ?? 'loading'} name="user" defaultValue={mine?.id} className={inputClass}>
          {(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.role})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Expires in days" name="expiresInDays" hint="Leave empty for a token that does not expire.">
        <input name="days" type="number" inputMode="numeric" min={1} max={3650} placeholder="never" className={inputClass} />
      </Field>
    </FormDialog>
  );
}
