'use client';
// Push one of an image's tags to its registry, with progress per layer; the push goes on after the dialog closes.
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/form-dialog';
import { TransferBody, TransferDialog } from './transfer-dialog';
import { useTransfer } from './use-transfer';

function Running({ engine, imageRef, onClose }: { engine: string; imageRef: string; onClose: () => void }) {
  const handle = useTransfer('push', engine, imageRef);
  return <TransferBody handle={handle} onClose={onClose} />;
}

function registryOf(tag: string): string {
  const first = tag.split('/')[0]!;
  return tag.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'Docker Hub';
}

/** "Push" for an image with tags (admins only; the caller decides); an image known only by id has nothing to push to. */
export function PushButton({ engine, tags }: { engine: string; tags: string[] }) {
  const [open, setOpen] = useState(false);
  const [tag, setTag] = useState(tags[0] ?? '');
  const [started, setStarted] = useState<string | null>(null);
  const [run, setRun] = useState(0);
  if (!tags.length) return null;
  const close = () => {
    setOpen(false);
    setStarted(null);
  };
  const chosen = tags.includes(tag) ? tag : tags[0]!;
  return (
    <>
      <Button size="md" onClick={() => setOpen(true)}>
        <Upload aria-hidden /> Push
      </Button>
      <TransferDialog open={open} title={started ? `Push ${started}` : 'Push to a registry'} onClose={close}>
        {started ? (
          <Running key={run} engine={engine} imageRef={started} onClose={close} />
        ) : (
          <form
            noValidate
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              setRun((n) => n + 1);
              setStarted(chosen);
            }}
          >
            <Field
              label="Tag"
              name="ref"
              hint={`Goes to ${registryOf(chosen)}, the registry the tag names. Tag the image with a registry's address to push it there.`}
              render={(a) => (
                <select {...a} value={chosen} onChange={(e) => setTag(e.target.value)} className={`${inputClass} font-mono`}>
                  {tags.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              )}
            />
            <div className="flex justify-end gap-2">
              <Button size="md" onClick={close}>
                Cancel
              </Button>
              <Button size="md" type="submit" variant="primary">
                Push
              </Button>
            </div>
          </form>
        )}
      </TransferDialog>
    </>
  );
}
