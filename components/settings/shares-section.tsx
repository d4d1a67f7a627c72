'use client';
// Share links: read-only access to one compose project or one container's logs, expiring and revocable.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormDialog, Field, inputClass } from '@/components/resources/form-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toast';
import { withBase } from '@/lib/base-path';
import { errorView, useTRPC } from '@/lib/trpc';
import { formatDate } from '@/lib/utils';
import { SecretOnce } from './secret-once';

const ms = (t: number | null) => (t ? formatDate(Math.floor(t / 1000)) : '—');

export function SharesSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const shares = useQuery(trpc.access.shares.queryOptions());
  const engines = useQuery(trpc.engines.list.queryOptions());
  const [engine, setEngine] = useState('default');
  const [kind, setKind] = useState<'project' | 'container'>('container');
  const containers = useQuery(trpc.containers.list.queryOptions({ engine }));
  const create = useMutation(trpc.access.createShare.mutationOptions());
  const revoke = useMutation(trpc.access.revokeShare.mutationOptions());
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.access.shares.queryKey() });
  const targets = kind === 'project' ? [...new Set((containers.data ?? []).flatMap((c) => (c.project ? [c.project] : [])))].sort() : (containers.data ?? []).map((c) => c.name).sort();
  if (shares.error) return null;
  return (
    <section aria-labelledby="shares-h" className="mt-8">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="shares-h" className="text-[14px] font-semibold">
          Share links
        </h2>
        <Button variant="primary" onClick={() => (setError(null), setOpen(true))}>
          New share link
        </Button>
      </div>
      {made ? <SecretOnce label="Share link" value={made} hint="Whoever opens it can read that scope until it expires or you revoke it." onDone={() => setMade(null)} /> : null}
      <Table className="rounded-md border border-line">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Scope</Th>
            <Th>Made by</Th>
            <Th>Expires</Th>
            <Th>Last used</Th>
            <Th>Status</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {(shares.data ?? []).map((s) => {
            const active = !s.revokedAt && s.expiresAt > Date.now();
            return (
              <Tr key={s.id}>
                <Td className="font-medium">{s.name}</Td>
                <Td>
                  {s.engine} · {s.kind} <span className="font-mono text-[12px]">{s.target}</span>
                </Td>
                <Td>{s.createdBy ?? '—'}</Td>
                <Td className="text-muted">{ms(s.expiresAt)}</Td>
                <Td className="text-muted">{ms(s.lastUsedAt)}</Td>
                <Td>
                  <Badge tone={active ? 'ok' : 'neutral'}>{s.revokedAt ? 'revoked' : active ? 'active' : 'expired'}</Badge>
                </Td>
                <Td className="text-right">
                  {active ? (
                    <Button
                      aria-label={`Revoke share link ${s.name}`}
                      onClick={async () => {
                        try {
                          await revoke.mutateAsync({ id: s.id });
                          toast('ok', `Share link ${s.name} revoked.`);
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
        title="New share link"
        submitLabel="Make link"
        busy={create.isPending}
        error={error}
        onCancel={() => setOpen(false)}
        onSubmit={async (f) => {
          try {
            const out = await create.mutateAsync({ name: String(f.get('name') ?? ''), engine, kind, target: String(f.get('target') ?? ''), expiresInHours: Number(f.get('hours')) });
            setMade(`${location.origin}${withBase(out.path)}`);
            setOpen(false);
            await refresh();
          } catch (err) {
            setError(errorView(err).message);
          }
        }}
      >
        <Field label="Name">
          <input name="name" required className={inputClass} placeholder="on-call dashboard" />
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field label="Engine">
            <select value={engine} onChange={(e) => setEngine(e.target.value)} className={inputClass}>
              {(engines.data ?? []).map((e) => (
                <option key={e.name}>{e.name}</option>
              ))}
            </select>
          </Field>
          <Field label="Scope">
            <select value={kind} onChange={(e) => setKind(e.target.value as 'project' | 'container')} className={inputClass}>
              <option value="container">Container (its logs)</option>
              <option value="project">Compose project</option>
            </select>
          </Field>
        </div>
        <Field label={kind === 'project' ? 'Compose project' : 'Container'}>
          <select name="target" required className={inputClass}>
            {targets.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <Field label="Expires after">
          <select name="hours" className={inputClass} defaultValue="24">
            <option value="1">1 hour</option>
            <option value="24">24 hours</option>
            <option value="168">7 days</option>
            <option value="720">30 days</option>
          </select>
        </Field>
      </FormDialog>
    </section>
  );
}
