'use client';
// Images: one row per tag, with size, age and how many containers use each; remove (with force) and tag.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Tag, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ListPage, useQueryParam } from '@/components/resources/list-page';
import { FormDialog, Field, inputClass } from '@/components/resources/form-dialog';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th, Tr } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toast';
import { errorView, useTRPC } from '@/lib/trpc';
import { cn, formatAgo, formatBytes, formatDate, shortId } from '@/lib/utils';

export function ImagesPage({ engine }: { engine: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const canChange = useCanChange();
  const [q, setQ] = useQueryParam('q');
  const [dangling, setDangling] = useQueryParam('dangling');
  const list = useQuery({ ...trpc.images.list.queryOptions({ engine }), refetchInterval: 3000, placeholderData: keepPreviousData });
  const [removing, setRemoving] = useState<{ ref: string; label: string } | null>(null);
  const [force, setForce] = useState(false);
  const [tagging, setTagging] = useState<string | null>(null);
  const [tagError, setTagError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.images.pathKey() });
  const remove = useMutation(trpc.images.remove.mutationOptions());
  const tag = useMutation(trpc.images.tag.mutationOptions());

  const rows = useMemo(() => {
    const out: { key: string; id: string; ref: string; label: string; size: number; created: number; containers: number; dangling: boolean }[] = [];
    for (const img of list.data ?? []) {
      const labels = img.repoTags.length ? img.repoTags : ['<none>'];
      for (const label of labels) out.push({ key: `${img.id}/${label}`, id: img.id, ref: label === '<none>' ? img.id : label, label, size: img.size, created: img.created, containers: img.containers, dangling: img.dangling });
    }
    const needle = q.toLowerCase();
    return out.filter((r) => (!dangling || r.dangling) && (!needle || r.label.toLowerCase().includes(needle) || shortId(r.id).startsWith(needle)));
  }, [list.data, q, dangling]);
  const total = list.data ? (list.data ?? []).reduce((n, i) => n + Math.max(1, i.repoTags.length), 0) : undefined;

  return (
    <ListPage
      title="Images"
      noun="images"
      total={total}
      shown={rows.length}
      filter={q}
      onFilter={setQ}
      error={list.error}
      pending={list.isPending}
      emptyHint={<>Load one with <code className="font-mono text-fg">docker pull</code> or <code className="font-mono text-fg">docker build</code>.</>}
      actions={
        <label className="flex items-center gap-1.5 text-[12px] text-muted">
          <input type="checkbox" checked={Boolean(dangling)} onChange={(e) => setDangling(e.target.checked ? '1' : '')} />
          Dangling only
        </label>
      }
    >
      <Table>
        <thead>
          <tr>
            <Th>Repository:tag</Th>
            <Th>ID</Th>
            <Th className="text-right">Size</Th>
            <Th>Created</Th>
            <Th className="text-right">In use</Th>
            {canChange ? <Th className="text-right">Actions</Th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Tr key={r.key} data-image-row={r.label}>
              <Td className="max-w-96 truncate">
                <Link href={`/e/${encodeURIComponent(engine)}/images/${encodeURIComponent(shortId(r.id))}`} className={cn('hover:text-accent hover:underline', r.dangling && 'text-muted')}>
                  {r.label}
                </Link>
              </Td>
              <Td className="font-mono text-[12px] text-muted">{shortId(r.id)}</Td>
              <Td className="text-right tabular">{formatBytes(r.size)}</Td>
              <Td className="text-muted tabular" title={formatDate(r.created)}>
                {formatAgo(r.created)}
              </Td>
              <Td className="text-right tabular">{r.containers || <span className="text-muted">—</span>}</Td>
              {canChange ? (
                <Td className="w-24">
                  <div className="flex justify-end gap-0.5">
                    <Button variant="ghost" size="icon" aria-label={`Tag ${r.label}`} title="Tag" onClick={() => (setTagError(null), setTagging(r.ref))}>
                      <Tag />
                    </Button>
                    <Button variant="ghost" size="icon" aria-label={`Remove ${r.label}`} title="Remove" className="hover:text-bad" onClick={() => (setForce(false), setRemoving({ ref: r.ref, label: r.label }))}>
                      <Trash2 />
                    </Button>
                  </div>
                </Td>
              ) : null}
            </Tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.label}?`}
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            const out = await remove.mutateAsync({ engine, id: removing.ref, force });
            toast('ok', `${removing.label}: ${out.untagged.length} tag(s) removed, ${out.deleted.length} layer(s) deleted.`);
          } catch (err) {
            toast('bad', errorView(err).message);
          }
          setRemoving(null);
          await refresh();
        }}
      >
        <p>Removing a tag deletes the image when no other tag or container keeps it.</p>
        <label className="flex items-center gap-2 text-fg">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force (also when stopped containers use it, or it has other tags)
        </label>
      </ConfirmDialog>
      <FormDialog
        open={tagging !== null}
        title={`Tag ${tagging}`}
        submitLabel="Tag"
        busy={tag.isPending}
        error={tagError}
        onCancel={() => setTagging(null)}
        onSubmit={async (form) => {
          try {
            const out = await tag.mutateAsync({ engine, id: tagging!, repo: String(form.get('repo') ?? ''), tag: String(form.get('tag') || 'latest') });
            toast('ok', `Tagged as ${out.reference}.`);
            setTagging(null);
            await refresh();
          } catch (err) {
            setTagError(errorView(err).message);
          }
        }}
      >
        <Field label="Repository">
          <input name="repo" required placeholder="registry.local:5000/team/app" className={inputClass} />
        </Field>
        <Field label="Tag">
          <input name="tag" placeholder="latest" className={inputClass} />
        </Field>
      </FormDialog>
    </ListPage>
  );
}
