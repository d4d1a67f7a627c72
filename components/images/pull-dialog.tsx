'use client';
// Pull an image by reference, with its progress per layer; the pull goes on after the dialog closes.
import { Download } from 'lucide-react';
import { useState } from 'react';
import { Field, inputClass } from '@/components/ui/form-dialog';
import { Button } from '@/components/ui/button';
import { TransferBody, TransferDialog } from './transfer-dialog';
import { useTransfer } from './use-transfer';

function Running({ engine, imageRef, onClose, onAgain }: { engine: string; imageRef: string; onClose: () => void; onAgain: () => void }) {
  const handle = useTransfer('pull', engine, imageRef);
  return <TransferBody handle={handle} onClose={onClose} again={{ label: 'Pull another', onClick: onAgain }} />;
}

export function PullDialog({ engine, open, onClose }: { engine: string; open: boolean; onClose: () => void }) {
  const [draft, setDraft] = useState('');
  const [started, setStarted] = useState<string | null>(null);
  // Each start is its own subscription, even for the same reference twice.
  const [run, setRun] = useState(0);
  const close = () => {
    setStarted(null);
    onClose();
  };
  return (
    <TransferDialog open={open} title={started ? `Pull ${started}` : 'Pull an image'} onClose={close}>
      {started ? (
        <Running key={run} engine={engine} imageRef={started} onClose={close} onAgain={() => setStarted(null)} />
      ) : (
        <form
          noValidate
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const ref = draft.trim();
            if (!ref) return;
            setRun((n) => n + 1);
            setStarted(ref);
          }}
        >
          <Field
            label="Image"
            name="ref"
            hint={`From Docker Hub by name ("busybox", "nginx:1.27"), or with a registry: "registry.local:5000/team/app:1.0"`}
            render={(a) => (
              <input {...a} autoFocus autoComplete="off" spellCheck={false} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="busybox:latest" className={`${inputClass} font-mono`} />
            )}
          />
          <div className="flex justify-end gap-2">
            <Button size="md" onClick={close}>
              Cancel
            </Button>
            <Button size="md" type="submit" variant="primary" disabled={!draft.trim()}>
              Pull
            </Button>
          </div>
        </form>
      )}
    </TransferDialog>
  );
}

/** The images page's "Pull" button with its dialog (admins only; the caller decides). */
export function PullButton({ engine }: { engine: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Download aria-hidden /> Pull
      </Button>
      <PullDialog engine={engine} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
