'use client';
// ConfirmDialog: a modal <dialog> that asks before a destructive action; Escape cancels, Enter confirms.
import type { ReactNode } from 'react';
import { Button } from './button';
import { useModal } from './use-modal';

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
  const ref = useModal(open);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(440px,calc(100vw-2rem))] rounded-lg border border-line bg-raised p-0 text-fg shadow-xl backdrop:bg-black/40"
    >
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
    </dialog>
  );
}
