'use client';
// Volumes: who uses each, create, and remove (the server refuses, with a sentence, while a container uses one).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { FormDialog, Field, inputClass } from '@/components/resources/form-dialog';
import { ListPage, useQueryParam } from '@/components/resources/list-page';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toast';
import { errorView, useTRPC } from '@/lib/trpc';
import { formatAgo, formatDate } from '@/lib/utils';

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const i = t.indexOf('=');
    out[i < 0 ? t : t.slice(0, i)] = i < 0 ? '' : t.slice(i + 1);
  }
  return out;
}

export function VolumesPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const canChange = useCanChange();
  const [q, setQ] = useQueryParam('q');
  const [unused, setUnused] = useQueryParam('unused');
  const list = useQuery({ ...trpc.volumes.list.queryOptions({ engine }), refetchInterval: 3000, placeholderData: keepPreviousData });
  const create = useMutation(trpc.volumes.create.mutationOptions());
  const remove = useMutation(trpc.volumes.remove.mutationOptions());
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.volumes.pathKey() });
  const e = encodeURIComponent(engine);
  const rows = useMemo(
    () => (list.data ?? []).filter((v) => (!unused || v.usedBy.length === 0) && (!q || v.name.toLowerCase().includes(q.toLowerCase()))),
    [list.data, q, unused],
  );

  return (
    <ListPage
      title="Volumes"
      noun="volumes"
      total={list.data?.length}
      shown={rows.length}
      filter={q}
      onFilter={setQ}
      error={list.error}
      pending={list.isPending}
      emptyHint={<>Volumes keep data beyond a container’s life: <code className="font-mono text-fg">docker volume create data</code>.</>}
      actions={
        <>
          <label className="flex items-center gap-1.5 text-[12px] text-muted">
            <input type="checkbox" checked={Boolean(unused)} onChange={(ev) => setUnused(ev.target.checked ? '1' : '')} /> Unused only
          </label>
          {canChange ? (
            <Button variant="primary" onClick={() => (setCreateError(null), setCreating(true))}>
              <Plus /> Create volume
            </Button>
          ) : null}
        </>
      }
    >
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Driver</Th>
            <Th>In use by</Th>
            <Th>Created</Th>
            <Th>Mount point</Th>
            {canChange ? <Th className="text-right">Actions</Th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <Tr key={v.name}>
              <Td className="max-w-72 truncate">
                <Link href={`/e/${e}/volumes/${encodeURIComponent(v.name)}`} className="font-medium hover:text-accent hover:underline">
                  {v.anonymous ? <span className="font-mono text-[12px]">{v.name.slice(0, 12)}…</span> : v.name}
                </Link>
              </Td>
              <Td>{v.driver}</Td>
              <Td>
                {v.usedBy.length ? (
                  v.usedBy.map((u) => (
                    <Link key={u.id} href={`/e/${e}/containers/${encodeURIComponent(u.name)}`} className="mr-2 text-accent hover:underline">
                      {u.name}
                    </Link>
                  ))
                ) : (
                  <span className="text-muted">—</span>
                )}
              </Td>
              <Td className="text-muted" title={formatDate(v.created)}>
                {formatAgo(v.created)}
              </Td>
              <Td className="max-w-80 truncate font-mono text-[12px] text-muted" title={v.mountpoint}>
                {v.mountpoint}
              </Td>
              {canChange ? (
                <Td className="w-16 text-right">
                  <Button variant="ghost" size="icon" aria-label={`Remove ${v.name}`} className="hover:text-bad" onClick={() => setRemoving(v.name)}>
                    <Trash2 />
                  </Button>
                </Td>
              ) : null}
            </Tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove volume ${removing}?`}
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          try {
            await remove.mutateAsync({ engine, name: removing! });
            toast('ok', `Volume ${removing} removed.`);
          } catch (err) {
            toast('bad', errorView(err).message);
          }
          setRemoving(null);
          await refresh();
        }}
      >
        <p>The data in this volume is deleted for good.</p>
      </ConfirmDialog>
      <FormDialog
        open={creating}
        title="Create volume"
        submitLabel="Create"
        busy={create.isPending}
        error={createError}
        onCancel={() => setCreating(false)}
        onSubmit={async (form) => {
          const name = String(form.get('name') ?? '').trim();
          try {
            const out = await create.mutateAsync({ engine, name: name || undefined, driver: String(form.get('driver') || 'local'), labels: parseLabels(String(form.get('labels') ?? '')) });
            toast('ok', `Volume ${out.name} created.`);
            setCreating(false);
            await refresh();
          } catch (err) {
            setCreateError(errorView(err).message);
          }
        }}
      >
        <Field label="Name (empty for a generated one)">
          <input name="name" className={inputClass} placeholder="data" />
        </Field>
        <Field label="Driver">
          <input name="driver" className={inputClass} defaultValue="local" />
        </Field>
        <Field label="Labels, one key=value a line">
          <textarea name="labels" rows={3} className={`${inputClass} h-auto py-1 font-mono`} />
        </Field>
      </FormDialog>
    </ListPage>
  );
}
