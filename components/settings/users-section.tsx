'use client';
// Users and roles: add, change role, set password, sign out everywhere, remove.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormDialog, Field, inputClass } from '@/components/resources/form-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useToast } from '@/components/ui/toast';
import { errorView, useTRPC } from '@/lib/trpc';
import { formatAgo } from '@/lib/utils';

export function UsersSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const users = useQuery(trpc.access.users.queryOptions());
  const create = useMutation(trpc.access.createUser.mutationOptions());
  const setRole = useMutation(trpc.access.setRole.mutationOptions());
  const setPassword = useMutation(trpc.access.setPassword.mutationOptions());
  const remove = useMutation(trpc.access.removeUser.mutationOptions());
  const signOut = useMutation(trpc.access.signOutUser.mutationOptions());
  const [adding, setAdding] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [pwFor, setPwFor] = useState<{ id: number; name: string } | null>(null);
  const [removing, setRemoving] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.access.users.queryKey() });
  const attempt = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      toast('ok', ok);
    } catch (err) {
      toast('bad', errorView(err).message);
    }
    await refresh();
  };

  if (users.error) return <ErrorBanner error={users.error} />;
  return (
    <section aria-labelledby="users-h">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="users-h" className="text-[14px] font-semibold">
          Users
        </h2>
        <Button variant="primary" onClick={() => (setFormError(null), setAdding(true))}>
          Add user
        </Button>
      </div>
      <Table className="rounded-md border border-line">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Role</Th>
            <Th>Password</Th>
            <Th>Created</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <Tr key={u.id}>
              <Td className="font-medium">{u.name}</Td>
              <Td>
                <Badge tone={u.role === 'admin' ? 'info' : 'neutral'}>{u.role}</Badge>
              </Td>
              <Td className="text-muted">{u.hasPassword ? 'set' : 'none (token only)'}</Td>
              <Td className="text-muted">{formatAgo(Math.floor(u.createdAt / 1000))}</Td>
              <Td>
                <div className="flex justify-end gap-1">
                  <Button onClick={() => attempt(() => setRole.mutateAsync({ id: u.id, role: u.role === 'admin' ? 'viewer' : 'admin' }), `${u.name} is now ${u.role === 'admin' ? 'a viewer' : 'an admin'}.`)}>
                    Make {u.role === 'admin' ? 'viewer' : 'admin'}
                  </Button>
                  <Button onClick={() => (setFormError(null), setPwFor({ id: u.id, name: u.name }))}>Set password</Button>
                  <Button onClick={() => attempt(async () => signOut.mutateAsync({ id: u.id }), `${u.name} is signed out everywhere.`)}>Sign out everywhere</Button>
                  <Button variant="ghost" className="hover:text-bad" aria-label={`Remove user ${u.name}`} onClick={() => setRemoving({ id: u.id, name: u.name })}>
                    Remove
                  </Button>
                </div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <FormDialog
        open={adding}
        title="Add user"
        submitLabel="Add"
        busy={create.isPending}
        error={formError}
        onCancel={() => setAdding(false)}
        onSubmit={async (f) => {
          try {
            const role = String(f.get('role')) === 'admin' ? 'admin' : 'viewer';
            const u = await create.mutateAsync({ name: String(f.get('name') ?? ''), role, password: String(f.get('password') ?? '') || undefined });
            toast('ok', `${u.name} can now sign in as ${u.role}.`);
            setAdding(false);
            await refresh();
          } catch (err) {
            setFormError(errorView(err).message);
          }
        }}
      >
        <Field label="User name">
          <input name="name" required className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Role">
          <select name="role" className={inputClass} defaultValue="viewer">
            <option value="viewer">viewer — sees everything, changes nothing, no secrets</option>
            <option value="admin">admin — everything</option>
          </select>
        </Field>
        <Field label="Password (at least 12 characters)">
          <input name="password" type="password" className={inputClass} autoComplete="new-password" />
        </Field>
      </FormDialog>
      <FormDialog
        open={pwFor !== null}
        title={`Set the password of ${pwFor?.name}`}
        submitLabel="Set password"
        busy={setPassword.isPending}
        error={formError}
        onCancel={() => setPwFor(null)}
        onSubmit={async (f) => {
          try {
            await setPassword.mutateAsync({ id: pwFor!.id, password: String(f.get('password') ?? '') });
            toast('ok', `Password of ${pwFor!.name} set.`);
            setPwFor(null);
            await refresh();
          } catch (err) {
            setFormError(errorView(err).message);
          }
        }}
      >
        <Field label="New password (at least 12 characters)">
          <input name="password" type="password" required className={inputClass} autoComplete="new-password" />
        </Field>
      </FormDialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove user ${removing?.name}?`}
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          await attempt(() => remove.mutateAsync({ id: removing!.id }), `User ${removing!.name} removed.`);
          setRemoving(null);
        }}
      >
        <p>Their tokens and sessions end at once.</p>
      </ConfirmDialog>
    </section>
  );
}
