'use client';
// API tokens: made for a user with an optional expiry, shown once, revocable; last use is recorded.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormDialog, Field, inputClass } from '@/components/resources/form-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toast';
import { errorView, useTRPC } from '@/lib/trpc';
import { formatDate } from '@/lib/utils';
import { SecretOnce } from './secret-once';

function status(t: { revokedAt: number | null; expiresAt: number | null }): ['ok' | 'bad' | 'neutral', string] {
  if (t.revokedAt) return ['neutral', 'revoked'];
  if (t.expiresAt && t.expiresAt < Date.now()) return ['bad', 'expired'];
  return ['ok', 'active'];
}

const ms = (t: number | null) => (t ? formatDate(Math.floor(t / 1000)) : '—');

export function TokensSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const tokens = useQuery(trpc.access.tokens.queryOptions());
  const users = useQuery(trpc.access.users.queryOptions());
  const create = useMutation(trpc.access.createToken.mutationOptions());
  const revoke = useMutation(trpc.access.revokeToken.mutationOptions());
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.access.tokens.queryKey() });
  if (tokens.error) return null;
  return (
    <section aria-labelledby="tokens-h" className="mt-8">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="tokens-h" className="text-[14px] font-semibold">
          API tokens
        </h2>
        <Button variant="primary" onClick={() => (setError(null), setOpen(true))}>
          New token
        </Button>
      </div>
      {made ? <SecretOnce label="New token" value={made} hint={`Use it as: curl -H "Authorization: Bearer ${made.slice(0, 10)}…" ${location.origin}/api/trpc/engines.list`} onDone={() => setMade(null)} /> : null}
      <Table className="rounded-md border border-line">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>User</Th>
            <Th>Created</Th>
            <Th>Expires</Th>
            <Th>Last used</Th>
            <Th>Status</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((t) => {
            const [tone, text] = status(t);
            return (
              <Tr key={t.id}>
                <Td className="font-medium">{t.name}</Td>
                <Td>{t.userName}</Td>
                <Td className="text-muted">{ms(t.createdAt)}</Td>
                <Td className="text-muted">{t.expiresAt ? ms(t.expiresAt) : 'never'}</Td>
                <Td className="text-muted">{ms(t.lastUsedAt)}</Td>
                <Td>
                  <Badge tone={tone}>{text}</Badge>
                </Td>
                <Td className="text-right">
                  {text === 'active' ? (
                    <Button
                      aria-label={`Revoke token ${t.name}`}
                      onClick={async () => {
                        try {
                          await revoke.mutateAsync({ id: t.id });
                          toast('ok', `Token ${t.name} revoked.`);
                        } catch (err) {
                          toast('bad', errorView(err).message);
                        }
                        await refresh();
                      }}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
      <FormDialog
        open={open}
        title="New API token"
        submitLabel="Make token"
        busy={create.isPending}
        error={error}
        onCancel={() => setOpen(false)}
        onSubmit={async (f) => {
          try {
            const days = Number(f.get('days'));
            const out = await create.mutateAsync({ name: String(f.get('name') ?? ''), userId: Number(f.get('user')) || undefined, expiresInDays: days > 0 ? days : undefined });
            setMade(out.token);
            setOpen(false);
            await refresh();
          } catch (err) {
            setError(errorView(err).message);
          }
        }}
      >
        <Field label="Name">
          <input name="name" required className={inputClass} placeholder="CI deploys" />
        </Field>
        <Field label="For user">
          <select name="user" className={inputClass}>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Expires after (days, empty for never)">
          <input name="days" type="number" min={1} className={inputClass} />
        </Field>
      </FormDialog>
    </section>
  );
}
