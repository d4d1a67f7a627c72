'use client';
// Creating and removing a volume or a network: the server's answer becomes a toast, and the list is refreshed.
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormDialog } from '@/components/ui/form-dialog';
import { useToast } from '@/components/ui/toast';
import { errorView } from '@/lib/errors';

interface Mutation {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

export interface CreateDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  /** The fields the form shows, so a refusal about one of them is told under it. */
  fields: string[];
  mutation: Mutation;
  /** Sends the form; answers the sentence to show once created. */
  create: (form: FormData) => Promise<string>;
  list: QueryKey;
  children: ReactNode;
}

export function CreateDialog({ open, onClose, title, fields, mutation, create, list, children }: CreateDialogProps) {
  const qc = useQueryClient();
  const toast = useToast();
  const { reset } = mutation;
  useEffect(() => {
    if (open) reset();
  }, [open, reset]);
  return (
    <FormDialog
      open={open}
      title={title}
      submitLabel="Create"
      busy={mutation.isPending}
      error={mutation.error}
      fields={fields}
      onCancel={onClose}
      onSubmit={async (form) => {
        try {
          toast('ok', await create(form));
          onClose();
          await qc.invalidateQueries({ queryKey: list });
        } catch {
          // The mutation holds the error; the dialog shows it.
        }
      }}
    >
      {children}
    </FormDialog>
  );
}

/** A row's trash button, named after what it removes (e2e finds it as "Remove <name>"). */
export function RemoveButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button variant="ghost" size="icon" aria-label={`Remove ${name}`} title="Remove" className="hover:text-bad" onClick={onClick}>
      <Trash2 aria-hidden />
    </Button>
  );
}

interface RemoveDialogProps<T extends { name: string }> {
  /** What is being removed, or null while the dialog is closed. */
  target: T | null;
  kind: string;
  busy: boolean;
  remove: (target: T) => Promise<unknown>;
  onClose: () => void;
  list: QueryKey;
  children: ReactNode;
}

function RemoveDialog<T extends { name: string }>({ target, kind, busy, remove, onClose, list, children }: RemoveDialogProps<T>) {
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={target !== null}
      title={`Remove ${kind} ${target?.name ?? ''}?`}
      confirmLabel="Remove"
      danger
      busy={busy}
      onCancel={onClose}
      onConfirm={async () => {
        if (!target) return;
        try {
          await remove(target);
          toast('ok', `Removed ${kind} ${target.name}.`);
        } catch (err) {
          toast('bad', errorView(err).message);
        }
        onClose();
        await qc.invalidateQueries({ queryKey: list });
      }}
    >
      {children}
    </ConfirmDialog>
  );
}

/**
 * A list's remove flow: `ask(row)` opens the confirmation, and `dialog` goes once at the end of the page.
 * `warning` says what removing it costs.
 */
export function useRemoveDialog<T extends { name: string }>(
  kind: string,
  mutation: { isPending: boolean },
  remove: (target: T) => Promise<unknown>,
  list: QueryKey,
  warning: ReactNode,
): { ask: (target: T) => void; dialog: ReactNode } {
  const [target, setTarget] = useState<T | null>(null);
  const dialog = (
    <RemoveDialog target={target} kind={kind} busy={mutation.isPending} remove={remove} onClose={() => setTarget(null)} list={list}>
      {warning}
    </RemoveDialog>
  );
  return { ask: setTarget, dialog };
}
