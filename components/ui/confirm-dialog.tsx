'use client';
// ConfirmDialog: a modal <dialog> that asks before a destructive action; Escape cancels, Enter confirms.
import type { ReactNode } from 'react';
import { Button } from './button';
import { Modal } from './modal';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** Keeps the confirm button off until the user has done what the dialog asks (typed a confirmation). */
  disabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, disabled, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal open={open} onClose={onCancel} label={title} width="w-[min(440px,calc(100vw-2rem))]">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && !disabled) onConfirm();
        }}
        className="flex flex-col gap-3 p-4"
      >
        <h2 className="text-[15px] font-semibold">{title}</h2>
        {children ? <div className="flex flex-col gap-2 text-[13px] text-muted">{children}</div> : null}
        <div className="mt-1 flex justify-end gap-2">
          <Button size="md" onClick={onCancel}>
            Cancel
          </Button>
          <Button size="md" type="submit" variant={danger ? 'danger' : 'primary'} disabled={busy || disabled} autoFocus>
            {busy ? 'Working…' : confirmLabel}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
