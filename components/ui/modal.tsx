'use client';
// The one modal element every dialog is drawn in: the browser's <dialog> (focus trapped and given back by
// useModal), Escape handed to the caller, a width of the caller's choosing.
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { useModal } from './use-modal';

export interface ModalProps {
  open: boolean;
  /** Escape or the caller's own Cancel: the caller decides what closing means. */
  onClose: () => void;
  /** The id of the title element, or a label when the dialog has no title element. */
  labelledBy?: string;
  label?: string;
  /** A Tailwind width, e.g. "w-[min(480px,calc(100vw-2rem))]". */
  width: string;
  children: ReactNode;
}

export function Modal({ open, onClose, labelledBy, label, width, children }: ModalProps) {
  const ref = useModal(open);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={cn('m-auto rounded-lg border border-line bg-raised p-0 text-fg shadow-xl backdrop:bg-black/40', width)}
    >
      {children}
    </dialog>
  );
}
