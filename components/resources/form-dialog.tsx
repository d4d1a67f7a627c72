'use client';
// A modal form (create volume, create network, tag image) that shows the server's sentence when it refuses.
import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

export function FormDialog(props: { open: boolean; title: string; submitLabel: string; busy: boolean; error: string | null; onSubmit: (form: FormData) => void; onCancel: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-label={props.title}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
      className="m-auto w-[min(460px,calc(100vw-2rem))] rounded-lg border border-line bg-raised p-0 text-fg shadow-xl backdrop:bg-black/40"
    >
      <form
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          props.onSubmit(new FormData(e.currentTarget));
        }}
        className="flex flex-col gap-3 p-4"
      >
        <h2 className="text-[15px] font-semibold">{props.title}</h2>
        {props.children}
        {props.error ? (
          <p role="alert" className="rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-[13px]">
            {props.error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button size="md" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button size="md" type="submit" variant="primary" disabled={props.busy}>
            {props.busy ? 'Working…' : props.submitLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-[13px]">
      <span className="font-medium">{label}</span>
      {children}
    </label>
  );
}

export const inputClass = 'h-8 rounded-md border border-line bg-bg px-2 text-[13px] focus:border-accent focus:outline-none';
