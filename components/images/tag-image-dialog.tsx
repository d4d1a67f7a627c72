'use client';
// Adding a tag to an image: repository and tag, with the server's message under the field it rejects.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Field, FormDialog, inputClass } from '@/components/ui/form-dialog';
import { useToast } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { shortId } from '@/lib/utils';
import type { ImageLine } from './image-lines';

function repoOf(label: string): string {
  const i = label.lastIndexOf(':');
  return i > label.lastIndexOf('/') ? label.slice(0, i) : label;
}

export function TagImageDialog({ engine, line, onClose }: { engine: string; line: ImageLine | null; onClose: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const tag = useMutation(trpc.images.tag.mutationOptions());
  const { reset } = tag;
  useEffect(() => {
    if (line) reset();
  }, [line, reset]);
  const name = line ? (line.dangling ? shortId(line.id) : line.label) : '';

  return (
    <FormDialog
      open={line !== null}
      title={`Tag ${name}`}
      description="Adds a name to the same image; nothing is copied."
      submitLabel="Add tag"
      busy={tag.isPending}
      error={tag.error}
      fields={['repo', 'tag']}
      onCancel={onClose}
      onSubmit={async (form) => {
        if (!line) return;
        const t = String(form.get('tag') ?? '').trim();
        try {
          const out = await tag.mutateAsync({ engine, id: line.ref, repo: String(form.get('repo') ?? '').trim(), ...(t ? { tag: t } : {}) });
          toast('ok', `Tagged ${name} as ${out.reference}.`);
          onClose();
          await qc.invalidateQueries({ queryKey: trpc.images.list.queryKey() });
        } catch {
          // tag.error holds it; the dialog shows the sentence and the field messages.
        }
      }}
    >
      <Field
        label="Repository"
        name="repo"
        hint="Lower case, optionally with a registry: registry.local:5000/team/app"
        render={(a) => <input {...a} autoFocus autoComplete="off" spellCheck={false} defaultValue={line && !line.dangling ? repoOf(line.label) : ''} className={`${inputClass} font-mono`} />}
      />
      <Field label="Tag" name="tag" render={(a) => <input {...a} autoComplete="off" spellCheck={false} placeholder="latest" className={`${inputClass} font-mono`} />} />
    </FormDialog>
  );
}
