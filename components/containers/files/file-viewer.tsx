'use client';
// A file opened from the Files tab: its text (editable by admins, saved back through the archive API), or a sentence
// when it is binary or too large, with a download link either way.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useTRPC } from '@/lib/trpc';
import { sizeString } from './format';

export function FileViewer({ engine, id, path, canChange, downloadHref, onClose }: { engine: string; id: string; path: string; canChange: boolean; downloadHref: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const file = useQuery({ ...trpc.containers.readFile.queryOptions({ engine, id, path }), retry: false, refetchOnWindowFocus: false });
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation(trpc.containers.writeFile.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.containers.readFile.queryKey({ engine, id, path }) }) }));
  useEffect(() => setDraft(null), [path]);
  const text = draft ?? file.data?.text ?? '';
  const dirty = draft !== null && draft !== file.data?.text;
  return (
    <section aria-label={`File ${path}`} className="flex min-h-0 flex-col gap-2 border-t border-line p-3">
      <div className="flex items-center gap-2">
        <h2 className="min-w-0 flex-1 truncate font-mono text-[12px] font-medium">{path}</h2>
        <a className="text-[13px] text-accent hover:underline" href={downloadHref} download>
          Download
        </a>
        {canChange && file.data?.text !== null && file.data ? (
          <Button variant="primary" disabled={!dirty || save.isPending} onClick={() => save.mutate({ engine, id, path, text })}>
            {save.isPending ? 'Saving…' : 'Save'}
          </Button>
        ) : null}
        <Button onClick={onClose}>Close</Button>
      </div>
      {file.error ? <ErrorBanner error={file.error} /> : null}
      {save.error ? <ErrorBanner error={save.error} /> : null}
      {save.isSuccess && !dirty ? <p role="status" className="text-[12px] text-muted">Saved.</p> : null}
      {!file.data ? (
        file.isPending ? <p className="text-muted">Loading…</p> : null
      ) : file.data.text === null ? (
        <p className="text-[13px] text-muted">
          {file.data.reason === 'too-large' ? `This file is ${sizeString(file.data.size)}, too large to show here (at most 1 MiB): download it instead.` : 'This file is binary (or a link): download it instead.'}
        </p>
      ) : (
        <textarea
          aria-label="File content"
          spellCheck={false}
          readOnly={!canChange}
          value={text}
          onChange={(e) => setDraft(e.target.value)}
          className="h-72 w-full resize-y rounded-md border border-line bg-raised p-2 font-mono text-[12px] text-fg focus:border-accent focus:outline-none"
        />
      )}
    </section>
  );
}
