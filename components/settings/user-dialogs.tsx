'use client';
// The users' forms: add a user (name, role, password) and set a user's password.
import { useMutation } from '@tanstack/react-query';
import { useToast } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { Field, FormDialog, inputClass } from '@/components/ui/form-dialog';
import { useRefreshAccess } from './use-attempt';

const PASSWORD_HINT = 'At least 12 characters. A long sentence is easier to type and harder to guess.';

export function AddUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshAccess();
  const create = useMutation(trpc.access.createUser.mutationOptions());
  const close = () => (create.reset(), onClose());
  return (
    <FormDialog
      fields={['name', 'role', 'password']}
      open={open}
      title="Add user"
      submitLabel="Add user"
      busy={create.isPending}
      error={create.error}
      onCancel={close}
      onSubmit={async (f) => {
        const role = f.get('role') === 'admin' ? 'admin' : 'viewer';
        const password = String(f.get('password') ?? '');
        try {
          const user = await create.mutateAsync({ name: String(f.get('name') ?? '').trim(), role, password: password || undefined });
          toast('ok', `${user.name} can now sign in as ${user.role}.`);
          close();
          await refresh();
        } catch {
          // The dialog shows create.error.
        }
      }}
    >
      <Field label="User name" name="name" hint='Letters, digits, ".", "_", "@" and "-".'>
        <input name="name" required autoFocus autoComplete="off" spellCheck={false} className={inputClass} />
      </Field>
      <Field label="Role" name="role">
        <select name="role" defaultValue="viewer" className={inputClass}>
          <option value="viewer">Viewer: sees everything, changes nothing, no secrets</option>
          <option value="admin">Admin: may change everything</option>
        </select>
      </Field>
      <Field label="Password" name="password" hint={`${PASSWORD_HINT} Leave it empty for a user who signs in only with API tokens.`}>
        <input name="password" type="password" autoComplete="new-password" className={inputClass} />
      </Field>
    </FormDialog>
  );
}

export function PasswordDialog({ user, onClose }: { user: { id: number; name: string } | null; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshAccess();
  const set = useMutation(trpc.access.setPassword.mutationOptions());
  const close = () => (set.reset(), onClose());
  return (
    <FormDialog
      fields={['password']}
      open={user !== null}
      title={`Set the password of ${user?.name ?? ''}`}
      submitLabel="Set password"
      busy={set.isPending}
      error={set.error}
      onCancel={close}
      onSubmit={async (f) => {
        if (!user) return;
        try {
          await set.mutateAsync({ id: user.id, password: String(f.get('password') ?? '') });
          toast('ok', `The password of ${user.name} is set. Their open sessions stay signed in; use Sign out everywhere to end them.`);
          close();
          await refresh();
        } catch {
          // The dialog shows set.error.
        }
      }}
    >
      <Field label="New password" name="password" hint={PASSWORD_HINT}>
        <input name="password" type="password" required autoFocus autoComplete="new-password" className={inputClass} />
      </Field>
    </FormDialog>
  );
}
