'use client';
// Removing an image line: untags a tag, or deletes a dangling image; "Force" overrides the engine's refusals.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useTRPC } from '@/lib/trpc';
import { errorView } from '@/lib/errors';
import { shortId } from '@/lib/utils';
import { type ImageLine, plural } from './image-lines';

export function RemoveImageDialog({ engine, line, onClose }: { engine: string; line: ImageLine | null; onClose: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [force, setForce] = useState(false);
  const remove = useMutation(trpc.images.remove.mutationOptions());
  useEffect(() => {
    if (line) setForce(false);
  }, [line]);
  const name = line ? (line.dangling ? shortId(line.id) : line.label) : '';

  return (
    <ConfirmDialog
      open={line !== null}
      title={line?.dangling ? `Remove image ${name}?` : `Remove ${name}?`}
      confirmLabel="Remove"
      danger
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={async () => {
        if (!line) return;
        try {
          const out = await remove.mutateAsync({ engine, id: line.ref, force });
          const parts = [out.untagged.length ? `${plural(out.untagged.length, 'tag')} untagged` : '', out.deleted.length ? `${plural(out.deleted.length, 'layer')} deleted` : ''].filter(Boolean);
          toast('ok', `Removed ${name}${parts.length ? ` (${parts.join(', ')})` : ''}.`);
        } catch (err) {
          toast('bad', errorView(err).message);
        }
        onClose();
        await qc.invalidateQueries({ queryKey: trpc.images.list.queryKey() });
      }}
    >
      {line ? (
        <>
          <p>
            {line.dangling
              ? 'This deletes the image and the layers no other image shares.'
              : line.otherTags
                ? `This removes the tag only: the image keeps its ${plural(line.otherTags, 'other tag')}.`
                : 'This removes the tag, and the image with it unless a container still uses it.'}
          </p>
          {line.containers ? <p className="text-warn">{plural(line.containers, 'container')} use this image.</p> : null}
          <label className="flex items-start gap-2 text-fg">
            <input type="checkbox" className="mt-0.5 accent-accent" checked={force} onChange={(e) => setForce(e.target.checked)} />
            <span>
              Force
              <span className="block text-[12px] text-muted">Also when a stopped container uses it, or it has other tags.</span>
            </span>
          </label>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
