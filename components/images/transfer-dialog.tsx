'use client';
// The modal a pull or push runs in: its form first, then its progress; closing it leaves the operation running.
import { type ReactNode, useId } from 'react';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import type { TransferHandle } from './use-transfer';
import { TransferProgress } from './transfer-progress';

export function TransferDialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  return (
    <Modal open={open} onClose={onClose} labelledBy={titleId} width="w-[min(720px,calc(100vw-2rem))]">
      {open ? (
        <div className="flex flex-col gap-3 p-4">
          <h2 id={titleId} className="text-[15px] font-semibold break-words">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </Modal>
  );
}

/** The progress of a started transfer and the buttons under it. */
export function TransferBody({ handle, onClose, again }: { handle: TransferHandle; onClose: () => void; again?: { label: string; onClick: () => void } }) {
  const { snapshot, error } = handle;
  const running = !snapshot || snapshot.state === 'running';
  return (
    <>
      {snapshot ? <TransferProgress snapshot={snapshot} onCancel={handle.cancel} cancelling={handle.cancelling} /> : error ? null : <p className="text-muted">Starting…</p>}
      {error ? (
        <p role="alert" className="rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-[13px] break-words">
          {error}
        </p>
      ) : null}
      {running && !error ? <p className="text-[12px] text-muted">Closing this window leaves it running: follow it under Operations in the sidebar.</p> : null}
      <div className="flex justify-end gap-2">
        {again && (!running || error) ? (
          <Button size="md" onClick={again.onClick}>
            {again.label}
          </Button>
        ) : null}
        <Button size="md" variant={running && !error ? 'default' : 'primary'} onClick={onClose}>
          Close
        </Button>
      </div>
    </>
  );
}
