'use client';
// Opens a <dialog> as a modal while `open` is true and closes it after; the browser traps focus and Escape, and
// focus returns to what opened it.
import { useEffect, useRef } from 'react';

export function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    }
    if (!open && d.open) {
      d.close();
      // Back to what opened it (the browser traps focus inside while open), if that is still on the page.
      const back = opener.current;
      opener.current = null;
      if (back?.isConnected && !d.contains(back)) back.focus();
    }
  }, [open]);
  return ref;
}
