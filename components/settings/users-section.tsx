'use client';
// Users and roles: add a user, change a role, set a password, end a user's sessions, remove a user.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useMe } from '@/components/shell/use-role';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Td, Tr } from '@/components/ui/data-table';
import { useTRPC } from '@/lib/trpc';
import { When } from './format';
import { Section, type UserRow } from './section';
import { useAttempt } from './use-attempt';
import { AddUserDialog, PasswordDialog } from './user-dialogs';

interface Confirm {
  title: string;
  body: string;
  label: string;
  run: () => Promise<unknown>;
}

export function UsersSection() {
  const trpc = useTRPC();
  const me = useMe();
  const attempt = useAttempt();
  const users = useQuery(trpc.access.users.queryOptions());
  const setRole = useMutation(trpc.access.setRole.mutationOptions());
  const remove = useMutation(trpc.access.removeUser.mutationOptions());
  const signOut = useMutation(trpc.access.signOutUser.mutationOptions());
  const [adding, setAdding] = useState(false);
  const [pwFor, setPwFor] = useState<UserRow | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [busy, setBusy] = useState(false);
  const isMe = (u: UserRow) => me.data?.name === u.name;

  const changeRole = (u: UserRow) => {
    const role = u.role === 'admin' ? 'viewer' : 'admin';
    const run = () => attempt(() => setRole.mutateAsync({ id: u.id, role }), `${u.name} is now ${role === 'admin' ? 'an admin' : 'a viewer'}.`);
    if (isMe(u) && role === 'viewer') {
      setConfirm({ title: 'Make yourself a viewer?', body: 'You will no longer be able to change anything, nor to open these settings. Another admin can give the role back.', label: 'Make me a viewer', run });
    } else void run();
  };
  const endSessions = (u: UserRow) => {
    const run = () => attempt(() => signOut.mutateAsync({ id: u.id }), (out) => `${u.name} is signed out everywhere (${out.ended} ${out.ended === 1 ? 'session' : 'sessions'} ended). API tokens stay valid.`);
    if (isMe(u)) setConfirm({ title: 'Sign yourself out everywhere?', body: 'This browser is signed out too; you will need the login link or your password again.', label: 'Sign out everywhere', run });
    else void run();
  };

  return (
    <Section
      id="users-heading"
      title="Users"
      about="Admins may change everything. Viewers see containers, logs and stats but change nothing and see no secrets."
      action={{ label: 'Add user', onClick: () => setAdding(true) }}
      list={users}
      empty={{ title: 'No users yet' }}
      columns={['Name', 'Role', 'Password', 'Created']}
      rows={users.data?.map((u) => (
        <Tr key={u.id} data-user-row={u.name}>
          <Td className="font-medium">
            {u.name}
            {isMe(u) ? <span className="ml-1.5 text-[12px] font-normal text-muted">(you)</span> : null}
          </Td>
          <Td>
            <Badge tone={u.role === 'admin' ? 'info' : 'neutral'}>{u.role}</Badge>
          </Td>
          <Td className="text-muted">{u.hasPassword ? 'set' : 'none: API tokens only'}</Td>
          <Td className="text-muted">
            <When ms={u.createdAt} />
          </Td>
          <Td>
            <div className="flex justify-end gap-1">
              <Button onClick={() => changeRole(u)}>{u.role === 'admin' ? 'Make viewer' : 'Make admin'}</Button>
              <Button onClick={() => setPwFor(u)}>{u.hasPassword ? 'Change password' : 'Set password'}</Button>
              <Button onClick={() => endSessions(u)}>Sign out everywhere</Button>
              <Button
                variant="ghost"
                className="text-bad hover:bg-bad/10"
                onClick={() =>
                  setConfirm({
                    title: `Remove ${u.name}?`,
                    body: `${u.name} is signed out at once, and their API tokens stop working. The audit log keeps what they did.`,
                    label: 'Remove user',
                    run: () => attempt(() => remove.mutateAsync({ id: u.id }), `${u.name} was removed.`),
                  })
                }
              >
                Remove
              </Button>
            </div>
          </Td>
        </Tr>
      ))}
    >
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
      <PasswordDialog user={pwFor} onClose={() => setPwFor(null)} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.title ?? ''}
        confirmLabel={confirm?.label ?? ''}
        danger
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          if (!confirm) return;
          setBusy(true);
          await confirm.run();
          setBusy(false);
          setConfirm(null);
        }}
      >
        <p>{confirm?.body}</p>
      </ConfirmDialog>
    </Section>
  );
}
