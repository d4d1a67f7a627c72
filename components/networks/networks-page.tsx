'use client';
// Networks: driver, subnet, attached containers; create and remove (built-in ones cannot be removed).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { FormDialog, Field, inputClass } from '@/components/resources/form-dialog';
import { ListPage, useQueryParam } from '@/components/resources/list-page';
import { useCanChange } from '@/components/shell/use-role';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toast';
import { errorView, useTRPC } from '@/lib/trpc';
import { formatAgo, formatDate } from '@/lib/utils';

const DRIVERS = ['bridge', 'overlay', 'macvlan', 'ipvlan'] as const;

export function NetworksPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const canChange = useCanChange();
  const [q, setQ] = useQueryParam('q');
  const list = useQuery({ ...trpc.networks.list.queryOptions({ engine }), refetchInterval: 3000, placeholderData: keepPreviousData });
  const create = useMutation(trpc.networks.create.mutationOptions());
  const remove = useMutation(trpc.networks.remove.mutationOptions());
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.networks.pathKey() });
  const e = encodeURIComponent(engine);
  const rows = useMemo(() => (list.data ?? []).filter((n) => !q || n.name.toLowerCase().includes(q.toLowerCase()) || n.id.startsWith(q)), [list.data, q]);

  return (
    <ListPage
      title="Networks"
      noun="networks"
      total={list.data?.length}
      shown={rows.length}
      filter={q}
      onFilter={setQ}
      error={list.error}
      pending={list.isPending}
      emptyHint="This engine reports no networks at all."
      actions={
        canChange ? (
          <Button variant="primary" onClick={() => (setCreateError(null), setCreating(true))}>
            <Plus /> Create network
          </Button>
        ) : null
      }
    >
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Driver</Th>
            <Th>Scope</Th>
            <Th>Subnet</Th>
            <Th>Gateway</Th>
            <Th className="text-right">Containers</Th>
            <Th>Created</Th>
            {canChange ? <Th className="text-right">Actions</Th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <Tr key={n.id}>
              <Td>
                <Link href={`/e/${e}/networks/${encodeURIComponent(n.name)}`} className="font-medium hover:text-accent hover:underline">
                  {n.name}
                </Link>
                <span className="ml-2 inline-flex gap-1">
                  {n.builtin ? <Badge>built-in</Badge> : null}
                  {n.internal ? <Badge tone="warn">internal</Badge> : null}
                  {n.attachable ? <Badge tone="info">attachable</Badge> : null}
                </span>
              </Td>
              <Td>{n.driver}</Td>
              <Td className="text-muted">{n.scope}</Td>
              <Td className="font-mono text-[12px]">{n.subnet || <span className="text-muted">—</span>}</Td>
              <Td className="font-mono text-[12px]">{n.gateway || <span className="text-muted">—</span>}</Td>
              <Td className="text-right tabular">{n.containers}</Td>
              <Td className="text-muted" title={formatDate(n.created)}>
                {formatAgo(n.created)}
              </Td>
              {canChange ? (
                <Td className="w-16 text-right">
                  {n.builtin ? null : (
                    <Button variant="ghost" size="icon" aria-label={`Remove ${n.name}`} className="hover:text-bad" onClick={() => setRemoving({ id: n.id, name: n.name })}>
                      <Trash2 />
                    </Button>
                  )}
                </Td>
              ) : null}
            </Tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove network ${removing?.name}?`}
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          try {
            await remove.mutateAsync({ engine, id: removing!.id });
            toast('ok', `Network ${removing!.name} removed.`);
          } catch (err) {
            toast('bad', errorView(err).message);
          }
          setRemoving(null);
          await refresh();
        }}
      />
      <FormDialog
        open={creating}
        title="Create network"
        submitLabel="Create"
        busy={create.isPending}
        error={createError}
        onCancel={() => setCreating(false)}
        onSubmit={async (form) => {
          const opt = (k: string) => String(form.get(k) ?? '').trim() || undefined;
          try {
            await create.mutateAsync({
              engine,
              name: String(form.get('name') ?? '').trim(),
              driver: (opt('driver') ?? 'bridge') as (typeof DRIVERS)[number],
              subnet: opt('subnet'),
              gateway: opt('gateway'),
              internal: form.get('internal') === 'on',
              attachable: form.get('attachable') === 'on',
            });
            toast('ok', `Network ${String(form.get('name'))} created.`);
            setCreating(false);
            await refresh();
          } catch (err) {
            setCreateError(errorView(err).message);
          }
        }}
      >
        <Field label="Name">
          <input name="name" required className={inputClass} placeholder="backend" />
        </Field>
        <Field label="Driver">
          <select name="driver" className={inputClass} defaultValue="bridge">
            {DRIVERS.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field label="Subnet (optional)">
            <input name="subnet" className={`${inputClass} font-mono`} placeholder="172.30.0.0/16" />
          </Field>
          <Field label="Gateway (optional)">
            <input name="gateway" className={`${inputClass} font-mono`} placeholder="172.30.0.1" />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-[13px]">
          <input type="checkbox" name="internal" /> Internal (no outside access)
        </label>
        <label className="flex items-center gap-2 text-[13px]">
          <input type="checkbox" name="attachable" /> Attachable
        </label>
      </FormDialog>
    </ListPage>
  );
}
